import { sql } from "kysely";
import { Migrator, type MigrationInfo } from "kysely/migration";
import { UserError } from "../core/errors.js";
import { storeMessages } from "../messages/store.js";
import { STORE_MARK } from "./migrations/0001-runs.js";
import { STORE_MIGRATIONS, storeMigrations } from "./migrations/index.js";
import type { TrackingStore } from "./open-store.js";

export interface MigrationStatus {
  readonly name: string;
  /** When it was applied (ISO), or null when pending. */
  readonly appliedAt: string | null;
}

/**
 * Applies pending migrations (all, or up to `until`) and returns the names
 * applied. Refuses a database another application owns or a newer
 * DRL Workbench migrated. Concurrent openers are serialized: PostgreSQL by
 * kysely's advisory lock, SQLite by an immediate (write-locking) transaction
 * that the other processes wait for.
 */
export async function migrateStore(store: TrackingStore, until?: string): Promise<string[]> {
  await refuseForeign(store);
  await refuseNewer(store);
  if (store.dialect === "postgres")
    return runMigrator(
      store,
      new Migrator({ db: store.db, provider: provider(store, until) }),
      until,
    );
  return store.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const applied = await runMigrator(
        store,
        new Migrator({ db: conn, provider: provider(store, until), disableTransactions: true }),
        until,
      );
      await sql`commit`.execute(conn);
      return applied;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

/** Every known migration with when it was applied. */
export async function migrationStatus(store: TrackingStore): Promise<MigrationStatus[]> {
  await refuseForeign(store);
  await refuseNewer(store);
  const infos: readonly MigrationInfo[] = await new Migrator({
    db: store.db,
    provider: provider(store),
  }).getMigrations();
  return infos.map((m) => ({ name: m.name, appliedAt: m.executedAt?.toISOString() ?? null }));
}

function provider(store: TrackingStore, until?: string) {
  return { getMigrations: async () => storeMigrations(store.dialect, until) };
}

async function runMigrator(
  store: TrackingStore,
  migrator: Migrator,
  until: string | undefined,
): Promise<string[]> {
  const outcome =
    until === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(until);
  const failed = outcome.results?.find((r) => r.status === "Error");
  if (outcome.error !== undefined) {
    const problem = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    throw new UserError(
      storeMessages.migrationFailed(store.display, failed?.migrationName ?? "start", problem),
    );
  }
  return (outcome.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

async function tableNames(store: TrackingStore): Promise<Set<string>> {
  const tables = await store.db.introspection.getTables({ withInternalKyselyTables: true });
  return new Set(tables.map((t) => t.name));
}

/** A non-empty database without our mark belongs to someone else. */
async function refuseForeign(store: TrackingStore): Promise<void> {
  const names = await tableNames(store);
  if (names.size === 0) return;
  if (names.has("store_info")) {
    const mark = await sql<{
      value: string;
    }>`select value from store_info where key = ${STORE_MARK.key}`.execute(store.db);
    if (mark.rows[0]?.value === STORE_MARK.value) return;
  }
  // Only kysely's own bookkeeping (an open interrupted before 0001 finished): ours.
  if ([...names].every((n) => n.startsWith("kysely_migration"))) return;
  throw new UserError(storeMessages.foreign(store.display));
}

/** Migrations applied that this version does not know: a newer installation migrated it. */
async function refuseNewer(store: TrackingStore): Promise<void> {
  if (!(await tableNames(store)).has("kysely_migration")) return;
  const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(store.db);
  const known = new Set(STORE_MIGRATIONS.map(([name]) => name));
  const unknown = rows.rows.map((r) => r.name).filter((n) => !known.has(n));
  if (unknown.length > 0) throw new UserError(storeMessages.newerSchema(store.display, unknown));
}
