/**
 * The runs index: one row per run in `runs`, with its `run_params`,
 * `run_metrics` and `run_tags`, written from the run folder (the source of
 * truth) when the run starts, when its status changes and when it ends, and
 * rebuilt by `drlwb store reindex`. Every write of a run replaces its rows in
 * one transaction, so writing a run twice leaves the same rows; a write older
 * than the row (by `updated_at`) leaves the row alone.
 */
import { resolve } from "node:path";
import type { Transaction } from "kysely";
import type { RunIndexWriter } from "../run/run-index-writer.js";
import type { TrackingStore } from "./open-store.js";
import { type RunIndexEntry, runIndexEntry } from "./run-index-entry.js";
import type { StoreTables } from "./tables.js";

/** Rows per insert statement (well under SQLite's and PostgreSQL's bound-parameter limits). */
const ROWS_PER_INSERT = 500;

function chunks<T>(items: readonly T[], size = ROWS_PER_INSERT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Writes runs (row, params, metrics, tags) in one transaction; returns how many rows were current. */
export async function writeRunEntries(
  store: TrackingStore,
  entries: readonly RunIndexEntry[],
): Promise<number> {
  if (entries.length === 0) return 0;
  return store.db.transaction().execute(async (trx) => {
    let written = 0;
    for (const entry of entries) if (await writeEntry(trx, entry)) written++;
    return written;
  });
}

async function writeEntry(trx: Transaction<StoreTables>, entry: RunIndexEntry): Promise<boolean> {
  const { run } = entry;
  await trx
    .insertInto("experiments")
    .values({ name: run.experiment, created_at: run.started_at, description: entry.description })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const { id: _id, ...columns } = run;
  const upsert = await trx
    .insertInto("runs")
    .values(run)
    .onConflict((oc) =>
      oc.column("id").doUpdateSet(columns).where("runs.updated_at", "<=", run.updated_at),
    )
    .executeTakeFirst();
  // An older state of the run (a reindex that read the folder before the run's last change).
  if (Number(upsert.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await trx.deleteFrom("run_params").where("run_id", "=", run.id).execute();
  await trx.deleteFrom("run_metrics").where("run_id", "=", run.id).execute();
  await trx.deleteFrom("run_tags").where("run_id", "=", run.id).execute();
  for (const rows of chunks(entry.params))
    await trx
      .insertInto("run_params")
      .values(rows.map((p) => ({ run_id: run.id, key: p.key, value: p.value, number: p.number })))
      .execute();
  for (const rows of chunks([...entry.metrics]))
    await trx
      .insertInto("run_metrics")
      .values(rows.map(([key, value]) => ({ run_id: run.id, key, value })))
      .execute();
  for (const rows of chunks(entry.tags))
    await trx
      .insertInto("run_tags")
      .values(rows.map((key) => ({ run_id: run.id, key, value: "" })))
      .execute();
  return true;
}

/** Removes runs (and their params, metrics and tags) from the index. */
export async function removeRunsFromIndex(
  store: TrackingStore,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await store.db.transaction().execute(async (trx) => {
    for (const part of chunks(ids)) {
      for (const table of ["run_params", "run_metrics", "run_tags"] as const)
        await trx.deleteFrom(table).where("run_id", "in", part).execute();
      await trx.deleteFrom("runs").where("id", "in", part).execute();
    }
  });
}

/**
 * A writer that records each run folder it is given in `store`, with
 * `run_dir` relative to `runsRoot` (the runs folder the index is kept for:
 * `runs` of the current folder for the CLI, the workspace's runs folder for
 * the server).
 */
export function storeRunIndex(store: TrackingStore, runsRoot: string): RunIndexWriter {
  const root = resolve(runsRoot);
  return {
    write: async (dir, record) => {
      await writeRunEntries(store, [runIndexEntry(root, resolve(dir), record)]);
    },
  };
}

/** A runs-index writer that owns its store: opened on the first write, closed by `close()`. */
export interface OwnedRunIndex extends RunIndexWriter {
  close(): Promise<void>;
}

/**
 * Opens the store on the first write (a run that never starts opens
 * nothing). A store that cannot be opened (unreachable, damaged, foreign)
 * rejects that write and every later one with the same error, without trying
 * again: the executor warns once and the run goes on.
 */
export function lazyRunIndex(open: () => Promise<TrackingStore>, runsRoot: string): OwnedRunIndex {
  let opening: Promise<TrackingStore> | undefined;
  const opened = (): Promise<TrackingStore> => {
    opening ??= open();
    return opening;
  };
  return {
    write: async (dir, record) => storeRunIndex(await opened(), runsRoot).write(dir, record),
    close: async () => {
      if (opening === undefined) return;
      const store = await opening.catch(() => undefined);
      await store?.close();
    },
  };
}
