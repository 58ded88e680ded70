/**
 * The console side of a run's events, shared by `drlwb run` and `drlwb train`:
 * "run <id> → <dir>", each stage's start and end, and what the commands need
 * to know afterwards (the run folder for a forced exit, the stage that was
 * running when it failed, the run's duration).
 */
import { messages } from "../runtime/messages/index.js";
import type { RunEvent } from "../runtime/run/execute.js";

export interface RunEventLog {
  readonly onEvent: (event: RunEvent) => void;
  /** The run folder, once the run started. */
  runDir(): string | undefined;
  /** The kind of the stage that started last ("" before the first). */
  currentStage(): string;
  /** The run's duration in seconds, once it ended. */
  seconds(): number;
}

/** Prints run events with `say` (which stays silent under --json) and keeps their state. */
export function consoleRunEvents(say: (text: string) => void): RunEventLog {
  let dir: string | undefined;
  let stage = "";
  let seconds = 0;
  const onEvent = (event: RunEvent): void => {
    switch (event.type) {
      case "run-start":
        dir = event.dir;
        say(messages.run.runStarted(event.id, event.dir));
        break;
      case "stage-start":
        stage = event.kind;
        say(messages.run.stageStart(event.kind, event.stageType));
        break;
      case "stage-end":
        say(messages.run.stageDone(event.kind, event.durationMs / 1000));
        break;
      case "run-end":
        seconds = event.durationMs / 1000;
        break;
      case "warning":
        say(messages.run.stageWarning(event.scope, event.message));
        break;
    }
  };
  return { onEvent, runDir: () => dir, currentStage: () => stage, seconds: () => seconds };
}
