/**
 * Runs looked up by an id that comes from outside (a URL segment): the id is
 * checked against the run-id pattern, then matched only against the run
 * folders directly under the runs folder — never used as a path — and errors
 * name neither the runs folder nor any other path.
 */
import { UserError } from "../core/errors.js";
import { isRunId } from "../core/ids.js";
import { messages } from "../messages/index.js";
import { DEFAULT_RUNS_DIR, listRuns, showRun } from "./runs.js";

/** The folder of the run with this full id, or else this unique id prefix. */
export function findRunById(id: string, runsDir = DEFAULT_RUNS_DIR): string {
  if (!isRunId(id)) throw new UserError(messages.run.badRunId());
  const runs = listRuns(runsDir);
  const exact = runs.find((run) => run.id === id);
  if (exact) return exact.dir;
  const matches = runs.filter((run) => run.id.startsWith(id));
  if (matches.length === 1) return matches[0]!.dir;
  throw new UserError(
    matches.length === 0
      ? messages.run.runIdNotFound(id)
      : messages.run.runAmbiguous(
          id,
          matches.map((m) => m.id),
        ),
  );
}

/** `showRun` for an id from outside. */
export function showRunById(id: string, runsDir = DEFAULT_RUNS_DIR): ReturnType<typeof showRun> {
  const dir = findRunById(id, runsDir);
  try {
    return showRun(dir, runsDir);
  } catch (error) {
    // The folder vanished between the listing and the read: the same answer as an unknown id.
    if (error instanceof UserError) throw new UserError(messages.run.runIdNotFound(id));
    throw error;
  }
}
