import { storeMessages } from "../messages/store.js";
import type { RunRecord } from "./run-record.js";
import type { RunIndexWriter } from "./run-index-writer.js";

const MAX_PROBLEM_CHARS = 300;

/**
 * The executor's side of the runs index: each call hands the folder and its
 * record to the writer and waits for it. A write that fails (the store is
 * down, locked, damaged) is reported once through `warn` (the run log, and
 * the console through the run's warning event) and never thrown: the run
 * folder is the source of truth, and `drlwb store reindex` catches up.
 */
export function runIndexUpdates(
  writer: RunIndexWriter | undefined,
  warn: (message: string) => void,
): (dir: string, record: RunRecord) => Promise<void> {
  let warned = false;
  return async (dir, record) => {
    if (writer === undefined) return;
    try {
      await writer.write(dir, record);
    } catch (error) {
      if (warned) return;
      warned = true;
      const problem = error instanceof Error ? error.message : String(error);
      try {
        warn(storeMessages.runIndexUnavailable(problem.slice(0, MAX_PROBLEM_CHARS)));
      } catch {
        // A run log that cannot be written either: the run itself reports that.
      }
    }
  };
}
