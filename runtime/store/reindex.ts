/**
 * `drlwb store reindex`: rebuilds the runs index from run folders (the source
 * of truth). Every run of the folder is written (inserted, or its rows
 * replaced); a row whose folder no longer holds a run.json is removed; a
 * folder whose run.json is corrupt is skipped and counted (its row, if any,
 * is kept: the folder is still there to repair).
 */
import { existsSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { inspectRunRecord, RUN_RECORD_FILE } from "../run/run-record.js";
import { DEFAULT_RUNS_DIR, isCorrupt, listRuns, type RunFileProblem } from "../run/runs.js";
import type { TrackingStore } from "./open-store.js";
import { type RunIndexEntry, runIndexEntry } from "./run-index-entry.js";
import { removeRunsFromIndex, writeRunEntries } from "./runs-index.js";

/** Runs written per transaction. */
const RUNS_PER_TRANSACTION = 100;

export interface ReindexOptions {
  /** The folder of run folders to read (default `runs`). */
  readonly runsDir?: string;
  /** The runs folder `run_dir` is relative to (default: `runsDir`). */
  readonly runsRoot?: string;
}

/** A folder skipped (corrupt run.json) or indexed with a file it could not read. */
export interface ReindexProblem extends RunFileProblem {
  /** The run folder's name. */
  readonly folder: string;
}

export interface ReindexCounts {
  /** Runs written (inserted or replaced). */
  readonly indexed: number;
  /** Rows removed because their folder is gone. */
  readonly removed: number;
  /** Corrupt folders skipped. */
  readonly skipped: number;
  /** The skipped folders and the files of indexed runs that could not be read. */
  readonly problems: readonly ReindexProblem[];
}

export async function reindexRuns(
  store: TrackingStore,
  options: ReindexOptions = {},
): Promise<ReindexCounts> {
  const runsDir = resolve(options.runsDir ?? DEFAULT_RUNS_DIR);
  const runsRoot = resolve(options.runsRoot ?? runsDir);
  const problems: ReindexProblem[] = [];
  const present = new Set<string>();
  let skipped = 0;
  let batch: RunIndexEntry[] = [];
  let indexed = 0;
  const flush = async (): Promise<void> => {
    await writeRunEntries(store, batch);
    indexed += batch.length;
    batch = [];
  };
  for (const run of listRuns(runsDir)) {
    const folder = basename(run.dir);
    if (isCorrupt(run)) {
      skipped++;
      for (const p of run.problems) problems.push({ folder, ...p });
      continue;
    }
    const reading = inspectRunRecord(run.dir);
    // Changed between the listing and now: counted as the listing saw it at the next reindex.
    if (reading === undefined || !reading.ok) continue;
    const entry = runIndexEntry(runsRoot, run.dir, reading.record);
    for (const p of entry.problems) problems.push({ folder, ...p });
    present.add(entry.run.id);
    batch.push(entry);
    if (batch.length >= RUNS_PER_TRANSACTION) await flush();
  }
  await flush();
  const rows = await store.db.selectFrom("runs").select(["id", "run_dir"]).execute();
  const gone = rows
    .filter((r) => !present.has(r.id))
    .filter((r) => !existsSync(join(resolve(runsRoot, r.run_dir), RUN_RECORD_FILE)))
    .map((r) => r.id);
  await removeRunsFromIndex(store, gone);
  return { indexed, removed: gone.length, skipped, problems };
}
