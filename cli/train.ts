/**
 * `drlwb train <agent-spec>`: trains a standalone `kind: agent` spec on a
 * control task (cartpole, pendulum) into a run folder through the executor
 * (a one-stage plan of kind `train`): run.json, spec.resolved.yaml,
 * metrics.json, the training log (stages/train/metrics.jsonl) and the saved
 * model (stages/train/model/).
 */
import { basename, dirname, extname } from "node:path";
import { stringify } from "yaml";
import { checkAgentBuilds, createAgentTrainStage } from "../runtime/agents/train-stage.js";
import { formatDiagnostic, isUserError, UserError } from "../runtime/core/errors.js";
import { agentsMessages } from "../runtime/messages/agents.js";
import { messages } from "../runtime/messages/index.js";
import type { Plan } from "../runtime/core/plan.js";
import {
  type ExecuteOptions,
  type RunResult,
  RunInterrupted,
  executePlan,
} from "../runtime/run/execute.js";
import { checkSameSpec, type ResumeTarget } from "../runtime/run/resume-run.js";
import { loadSpec, redactSecrets, specHash } from "../runtime/spec/index.js";
import type { AgentSpec } from "../runtime/spec/types.generated.js";
import type { SpecLocation } from "../runtime/core/spec-location.js";
import { withPositions, withPositionsAsync } from "../runtime/spec/place-diagnostics.js";
import { loadedSpecLocation } from "../runtime/spec/spec-location.js";
import { createConsoleProgress } from "./console-progress.js";
import { consoleRunEvents } from "./run-events.js";
import {
  type CliIO,
  EXIT,
  type ExitCode,
  interruptedExitCode,
  printJson,
  processIO,
} from "./io.js";
import { handleStopSignals, markInterruptedNow } from "../runtime/run/stop-signals.js";
import { cliRunIndex } from "./store-option.js";

export interface TrainCommandOptions {
  /** Run seed (default 0): every random stream of the training derives from it. */
  readonly seed?: number;
  /** Folder that holds run folders (default `runs`). */
  readonly out?: string;
  readonly json?: boolean;
  readonly env?: string;
  /** The tracking store the run is indexed in (default: DRLWB_STORE, else sqlite:drlwb.db). */
  readonly store?: string;
}

function compileTrainPlan(file: string, options: TrainCommandOptions) {
  const loaded = loadSpec(file, {
    ...(options.env ? { env: options.env } : {}),
    environ: process.env,
  });
  if (!loaded.ok) {
    throw new UserError(
      messages.run.specInvalid(file, loaded.diagnostics.length),
      loaded.diagnostics,
    );
  }
  if (loaded.kind !== "agent") {
    throw new UserError(agentsMessages.trainNotAgentSpec(file, loaded.kind));
  }
  const section = loaded.spec;
  const loc = loadedSpecLocation(file, loaded.locate);
  const stage = withPositions(loaded.locate, file, () =>
    createAgentTrainStage(section, { specFile: file, loc }),
  );
  const plan: Plan = {
    name: basename(file, extname(file)),
    seed: options.seed ?? 0,
    stages: [stage],
  };
  const spec = { kind: "agent", ...loaded.spec };
  return {
    plan,
    section,
    spec,
    provenance: loaded.provenance as Record<string, string>,
    locate: loaded.locate,
    loc,
  };
}

/** Runs `drlwb train`; returns the exit code (0 ok, 1 failed run, 2 invalid spec). */
export async function trainCommand(
  file: string,
  options: TrainCommandOptions = {},
  io: CliIO = processIO,
): Promise<ExitCode> {
  const say = (text: string): void => {
    if (!options.json) io.stderr.write(`${text}\n`);
  };
  const runIndex = cliRunIndex(options.store, options.out ?? "runs");
  const stop = handleStopSignals(say);
  const events = consoleRunEvents(say);
  stop.onForcedExit(() => markInterruptedNow(events.runDir()));
  try {
    const { plan, section, spec, provenance, locate, loc } = compileTrainPlan(file, options);
    await checkBeforeRun(file, locate, section, loc);
    const result = await executePlan(plan, {
      runsDir: options.out ?? "runs",
      specFile: file,
      specHash: specHash(spec),
      resolvedSpecYaml: stringify(redactSecrets(spec)),
      provenance,
      ...(options.env ? { env: options.env } : {}),
      ...(options.json ? {} : { progress: createConsoleProgress(io.stderr) }),
      onEvent: events.onEvent,
      signal: stop.signal,
      runIndex,
    });
    if (result.status === "interrupted" || result.error instanceof RunInterrupted) {
      say(messages.run.runInterrupted(result.id));
      return interruptedExitCode(stop);
    }
    if (result.status === "failed") {
      const failure = result.error;
      if (isUserError(failure)) {
        // A bad hyperparameter surfaces when the agent is built: place it in the YAML.
        withPositions(locate, file, () => {
          throw failure;
        });
      }
      const reason = result.error instanceof Error ? result.error.message : String(result.error);
      say(messages.run.runFailed(result.id, "train", reason));
      return EXIT.failure;
    }
    // A complete run ran its one stage.
    const trained = result.outputs.train!;
    const { summary } = trained.evaluation;
    if (options.json) {
      printJson(io, { id: result.id, dir: result.dir, status: result.status, ...result.metrics });
    } else {
      io.stdout.write(
        `${agentsMessages.trainResult(
          section.type,
          section.env.type,
          summary.mean,
          summary.std,
          summary.iqm,
          summary.n,
          trained.training.timesteps,
          trained.training.stepsPerSecond,
        )}\n${result.dir}\n`,
      );
      say(messages.run.runComplete(result.id, events.seconds()));
    }
    return EXIT.ok;
  } catch (error) {
    if (!isUserError(error)) throw error;
    for (const d of error.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    io.stderr.write(`${error.message}\n`);
    return EXIT.invalid;
  } finally {
    stop.dispose();
    await runIndex.close();
  }
}

/**
 * Continues an interrupted `drlwb train` run in its folder (`drlwb run
 * --resume`): the same agent spec, seed and overlay, training resumed from the
 * checkpoint written on interrupt.
 */
export function resumeTrainRun(
  target: ResumeTarget,
  options: Pick<ExecuteOptions, "onEvent" | "signal" | "progress" | "runIndex">,
): Promise<RunResult> {
  const { record } = target;
  const { plan, spec, provenance } = compileTrainPlan(record.specFile, {
    seed: record.seed,
    ...(record.env ? { env: record.env } : {}),
  });
  const hash = specHash(spec);
  checkSameSpec(target, hash);
  return executePlan(plan, {
    ...options,
    runsDir: dirname(target.dir),
    specFile: record.specFile,
    specHash: hash,
    resolvedSpecYaml: stringify(redactSecrets(spec)),
    provenance,
    ...(record.env ? { env: record.env } : {}),
    resume: { dir: target.dir, record },
  });
}

/** A hyperparameter the algorithm rejects is a spec error at its line, before any run folder exists. */
async function checkBeforeRun(
  file: string,
  locate: ReturnType<typeof compileTrainPlan>["locate"],
  section: AgentSpec,
  loc: SpecLocation,
): Promise<void> {
  try {
    await withPositionsAsync(locate, file, () =>
      checkAgentBuilds(section, { specFile: file, loc }),
    );
  } catch (error) {
    if (!isUserError(error)) throw error;
    throw new UserError(
      messages.run.specInvalid(file, error.diagnostics.length),
      error.diagnostics,
    );
  }
}
