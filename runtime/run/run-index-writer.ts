import type { RunRecord } from "./run-record.js";

/**
 * Where a run reports its status changes for the runs index (the tracking
 * store's `runs`, `run_params`, `run_metrics` and `run_tags`). The executor
 * calls `write` after run.json changed status (start, resume, end) with the
 * folder and the record it just wrote; the writer reads what else it needs
 * from the folder (spec.resolved.yaml, metrics.json), which stays the source
 * of truth. The runtime never opens a store itself: the caller (the CLI, a
 * server job) passes a writer. A rejected write never fails the run: the
 * executor warns once in the run log and carries on.
 */
export interface RunIndexWriter {
  write(dir: string, record: RunRecord): Promise<void>;
}
