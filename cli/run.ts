import { UserError } from "../runtime/core/errors.js";
import { messages } from "../runtime/messages/index.js";
import { type RunEvent, type RunResult, RunInterrupted } from "../runtime/run/execute.js";
import { findResumableRun, resumeRun, type ResumeTarget } from "../runtime/run/resume-run.js";
import { runSpec } from "../runtime/run/run-spec.js";
import { resumeTrainRun } from "./train.js";
import { createConsoleProgress } from "./console-progress.js";
import { consoleRunEvents } from "./run-events.js";
import { formatRunSummary, summarizeBacktest } from "./run-summary.js";
import { type CliIO, EXIT, type ExitCode, interruptedExitCode, printJson } from "./io.js";
import { handleStopSignals, markInterruptedNow } from "../runtime/run/stop-signals.js";
import type { RunIndexWriter } from "../runtime/run/run-index-writer.js";
import { cliRunIndex } from "./store-option.js";
import { cliOpenRegistry } from "./open-registry.js";
import type { OpenRegistry } from "../runtime/registry/backend.js";
import { dirname } from "node:path";
import { DEFAULT_RUNS_DIR } from "../runtime/run/runs.js";

export interface RunOptions {
  readonly json?: boolean;
  readonly env?: string;
  readonly seed?: number;
  /** Folder that holds run folders. */
  readonly out?: string;
  /** Continue this interrupted run (folder, id or id prefix) instead of starting one. */
  readonly resume?: string;
  /** The tracking store the run is indexed in (default: DRLWB_STORE, else sqlite:drlwb.db). */
  readonly store?: string;
  /**
   * Where `register:` records the version: lowdb (registry.json) or store (the
   * tracking store `store` names); default DRLWB_REGISTRY_BACKEND, else lowdb.
   */
  readonly registryBackend?: string;
}

/**
 * `drlwb run <spec>` / `drlwb run --resume <run>`: runs every stage into a new
 * run folder, or continues an interrupted run in its folder. SIGINT/SIGTERM
 * stop the run at its next safe point (checkpointing training), mark it
 * interrupted and exit 130/143; a second signal exits at once.
 */
export async function runCommand(
  file: string | undefined,
  options: RunOptions,
  io: CliIO,
): Promise<ExitCode> {
  const say = (text: string): void => {
    if (!options.json) io.stderr.write(`${text}\n`);
  };
  if (options.resume && (file || options.seed !== undefined || options.env)) {
    throw new UserError(messages.run.resumeWithSpec());
  }
  if (!file && !options.resume) throw new UserError(messages.run.runNeedsSpec());
  const target = options.resume ? findResumableRun(options.resume, options.out) : undefined;
  const openRegistry = cliOpenRegistry(options);
  // run_dir is relative to the folder holding the run (a resumed run's own parent).
  const runIndex = cliRunIndex(
    options.store,
    target ? dirname(target.dir) : (options.out ?? DEFAULT_RUNS_DIR),
  );
  const stop = handleStopSignals(say);
  const events = consoleRunEvents(say);
  stop.onForcedExit(() => markInterruptedNow(events.runDir()));
  try {
    const common = {
      progress: options.json ? undefined : createConsoleProgress(io.stderr),
      onEvent: events.onEvent,
      signal: stop.signal,
      runIndex,
      ...(openRegistry ? { openRegistry } : {}),
    };
    const result = target
      ? await resumeTarget(target, common, say)
      : await runSpec(file!, {
          ...(options.env ? { env: options.env } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(options.out ? { runsDir: options.out } : {}),
          ...common,
        });
    const backtest = result.status === "complete" ? result.outputs.backtest : undefined;
    const summary = backtest ? summarizeBacktest(backtest) : undefined;
    if (options.json) {
      printJson(io, {
        id: result.id,
        dir: result.dir,
        status: result.status,
        metrics: result.metrics,
        ...(summary ? { summary } : {}),
      });
    }
    if (result.status === "interrupted" || result.error instanceof RunInterrupted) {
      say(messages.run.runInterrupted(result.id));
      return interruptedExitCode(stop);
    }
    if (result.status === "failed") {
      const failed = result.error instanceof Error ? result.error.message : String(result.error);
      say(messages.run.runFailed(result.id, events.currentStage(), failed));
      if (result.error && typeof result.error === "object" && "diagnostics" in result.error) {
        throw result.error;
      }
      return EXIT.failure;
    }
    if (summary && !options.json) io.stdout.write(`${formatRunSummary(summary).join("\n")}\n`);
    say(messages.run.runComplete(result.id, events.seconds()));
    return EXIT.ok;
  } finally {
    stop.dispose();
    await runIndex.close();
  }
}

type CommonOptions = {
  progress: ReturnType<typeof createConsoleProgress> | undefined;
  onEvent: (event: RunEvent) => void;
  signal: AbortSignal;
  runIndex: RunIndexWriter;
  openRegistry?: OpenRegistry;
};

/** Continues an interrupted experiment run, or a `drlwb train` run (kind: agent). */
function resumeTarget(
  target: ResumeTarget,
  common: CommonOptions,
  say: (text: string) => void,
): Promise<RunResult> {
  const fromStage = target.record.stages.find(
    (s) => s.status === "running" || s.status === "interrupted",
  )?.kind;
  say(messages.run.runResumed(target.record.id, fromStage));
  const options = {
    onEvent: common.onEvent,
    signal: common.signal,
    runIndex: common.runIndex,
    ...(common.progress ? { progress: common.progress } : {}),
    ...(common.openRegistry ? { openRegistry: common.openRegistry } : {}),
  };
  return target.kind === "agent" ? resumeTrainRun(target, options) : resumeRun(target, options);
}
