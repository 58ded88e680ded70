/**
 * `drlwb store migrate|status|reindex`: the tracking store's schema and its
 * runs index. A store that cannot be opened (damaged, foreign, newer,
 * unreachable) is a UserError naming it: exit 2.
 */
import { messages } from "../runtime/messages/index.js";
import { DEFAULT_RUNS_DIR } from "../runtime/run/runs.js";
import { migrateStore, migrationStatus } from "../runtime/store/migrate.js";
import type { TrackingStore } from "../runtime/store/open-store.js";
import { reindexRuns } from "../runtime/store/reindex.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";
import { openCliStore } from "./store-option.js";

export interface StoreCommandOptions {
  readonly store?: string;
  readonly json?: boolean;
}

async function withStore<T>(
  options: StoreCommandOptions,
  migrate: boolean,
  work: (store: TrackingStore) => Promise<T>,
): Promise<T> {
  const store = await openCliStore(options.store, { migrate });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Applies pending migrations and says which. */
export function storeMigrateCommand(options: StoreCommandOptions, io: CliIO): Promise<ExitCode> {
  return withStore(options, false, async (store) => {
    const applied = await migrateStore(store);
    if (options.json) printJson(io, { store: store.display, dialect: store.dialect, applied });
    else io.stdout.write(`${messages.store.migrated(store.display, applied)}\n`);
    return EXIT.ok;
  });
}

/** Where the store is (never with a password) and each migration, applied or pending. */
export function storeStatusCommand(options: StoreCommandOptions, io: CliIO): Promise<ExitCode> {
  return withStore(options, false, async (store) => {
    const migrations = await migrationStatus(store);
    const pending = migrations.filter((m) => m.appliedAt === null).length;
    if (options.json) {
      printJson(io, { store: store.display, dialect: store.dialect, migrations, pending });
      return EXIT.ok;
    }
    const lines = [
      messages.store.statusLocation(store.display, store.dialect),
      ...migrations.map((m) => messages.store.statusMigration(m.name, m.appliedAt)),
      messages.store.statusPending(pending),
    ];
    io.stdout.write(`${lines.join("\n")}\n`);
    return EXIT.ok;
  });
}

/** Rebuilds the runs index from the run folders under `dir`. */
export function storeReindexCommand(
  options: StoreCommandOptions & { readonly dir?: string },
  io: CliIO,
): Promise<ExitCode> {
  const runsDir = options.dir ?? DEFAULT_RUNS_DIR;
  return withStore(options, true, async (store) => {
    const counts = await reindexRuns(store, { runsDir });
    if (options.json) {
      printJson(io, { store: store.display, runsDir, ...counts });
      return EXIT.ok;
    }
    for (const p of counts.problems)
      io.stderr.write(`${messages.store.reindexSkipped(p.folder, p.file, p.reason)}\n`);
    io.stdout.write(
      `${messages.store.reindexed(store.display, runsDir, counts.indexed, counts.removed, counts.skipped)}\n`,
    );
    return EXIT.ok;
  });
}
