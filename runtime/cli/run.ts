import { messages } from "../messages/index.js";
import { type RunEvent, RunInterrupted } from "../run/execute.js";
import { runSpec } from "../run/run-spec.js";
import { createConsoleProgress } from "./console-progress.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";

export interface RunOptions {
  readonly json?: boolean;
  readonly env?: string;
  readonly seed?: number;
  /** Folder that holds run folders. */
  readonly out?: string;
}

/**
 * `drlwb run <spec>`: runs every stage into a new run folder. Ctrl-C aborts
 * the run, which is then marked interrupted.
 */
export async function runCommand(file: string, options: RunOptions, io: CliIO): Promise<ExitCode> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once("SIGINT", onSigint);
  process.once("SIGTERM", onSigint);
  const say = (text: string): void => {
    if (!options.json) io.stderr.write(`${text}\n`);
  };
  let seconds = 0;
  let currentStage = "";
  const onEvent = (event: RunEvent): void => {
    if (event.type === "run-end") seconds = event.durationMs / 1000;
    if (event.type === "stage-start") currentStage = event.kind;
    if (event.type === "run-start") say(messages.run.runStarted(event.id, event.dir));
    if (event.type === "stage-start") say(messages.run.stageStart(event.kind, event.stageType));
    if (event.type === "stage-end")
      say(messages.run.stageDone(event.kind, event.durationMs / 1000));
  };
  try {
    const result = await runSpec(file, {
      ...(options.env ? { env: options.env } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.out ? { runsDir: options.out } : {}),
      progress: options.json ? undefined : createConsoleProgress(io.stderr),
      onEvent,
      signal: controller.signal,
    });
    if (options.json) {
      printJson(io, {
        id: result.id,
        dir: result.dir,
        status: result.status,
        metrics: result.metrics,
      });
    }
    if (result.status === "interrupted" || result.error instanceof RunInterrupted) {
      say(messages.run.runInterrupted(result.id));
      return EXIT.failure;
    }
    if (result.status === "failed") {
      const failed = result.error instanceof Error ? result.error.message : String(result.error);
      say(messages.run.runFailed(result.id, currentStage, failed));
      if (result.error && typeof result.error === "object" && "diagnostics" in result.error) {
        throw result.error;
      }
      return EXIT.failure;
    }
    say(messages.run.runComplete(result.id, seconds));
    return EXIT.ok;
  } finally {
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigint);
  }
}
