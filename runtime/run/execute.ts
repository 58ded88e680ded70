import { appendFileSync, existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { stableStringify } from "../core/hash.js";
import { RunInterrupted, yieldToEventLoop } from "../core/interrupt.js";
import { createLogger, type Logger, type LogRecord } from "../core/logger.js";
import { type Progress, silentProgress } from "../core/progress.js";
import { createSeedPlan } from "../core/seed-plan.js";
import { writeFileAtomic } from "../core/atomic-write.js";
import type { Plan } from "../core/plan.js";
import type { StageKind } from "../core/stage.js";
import { createArtifactWriter, stageDir } from "./artifact-writer.js";
import { type CodeVersion, readCodeVersion } from "./code-version.js";
import { makeRunId } from "./run-id.js";
import { namingRunFile } from "./run-file-error.js";
import { type RunRecord, type StageRecord, writeRunRecord } from "./run-record.js";
import { runIndexUpdates } from "./run-index-updates.js";
import type { RunIndexWriter } from "./run-index-writer.js";

export { RunInterrupted } from "../core/interrupt.js";
import { hashOf, metricsOf, type StageMetrics } from "./stage-output.js";
import { declaredInputs, type StageOutputStore, storeOutput } from "./stage-inputs.js";

export interface ExecuteOptions {
  /** Folder that holds run folders (default `runs`). */
  readonly runsDir?: string;
  readonly specFile: string;
  readonly specHash: string;
  /** The resolved spec as YAML, secrets already redacted. */
  readonly resolvedSpecYaml: string;
  /** Which values the user set and which are defaults (JSON pointer → origin). */
  readonly provenance?: Record<string, string>;
  readonly env?: string;
  readonly progress?: Progress;
  /** Called for each stage start/finish, for plain-line output. */
  readonly onEvent?: (event: RunEvent) => void;
  readonly signal?: AbortSignal;
  readonly code?: CodeVersion;
  readonly now?: () => Date;
  /**
   * Continue an interrupted run in its own folder (`drlwb run --resume`):
   * every stage runs again (deterministically, from the same seed) with
   * `ctx.resuming` set, so the agent continues from the checkpoint written
   * on interrupt; run.json keeps its id and start and records the resume.
   */
  readonly resume?: { readonly dir: string; readonly record: RunRecord };
  /**
   * The runs index (tracking store) to tell of each status change: the row
   * at the start, the final status, params and metrics at the end. A store
   * that cannot be written is warned about once in the run log; the run goes on.
   */
  readonly runIndex?: RunIndexWriter;
}

export type RunEvent =
  | { type: "run-start"; id: string; dir: string }
  | { type: "stage-start"; kind: StageKind; stageType: string }
  | { type: "stage-end"; kind: StageKind; durationMs: number }
  /** A stage logged a warning (also in logs/run.log): the CLI prints it. */
  | { type: "warning"; scope: string; message: string }
  | { type: "run-end"; id: string; status: RunRecord["status"]; durationMs: number };

export interface RunResult {
  readonly id: string;
  readonly dir: string;
  readonly status: RunRecord["status"];
  readonly metrics: Record<string, StageMetrics>;
  /** Every stage's output, keyed by kind, for library callers (notebooks). */
  readonly outputs: Readonly<StageOutputStore>;
  readonly error?: unknown;
}

/** A new run folder under `runsDir`, named by the run id (suffixed -2, -3… if taken). */
function newRunFolder(plan: Plan, options: ExecuteOptions, started: Date) {
  const runsDir = resolve(options.runsDir ?? "runs");
  const baseId = makeRunId(plan.name, options.specHash, plan.seed, started);
  let id = baseId;
  for (let n = 2; existsSync(join(runsDir, id)); n++) id = `${baseId}-${n}`;
  const dir = join(runsDir, id);
  mkdirSync(dir, { recursive: true });
  return { id, dir };
}

/** The run.json of a new run, or of an interrupted one continued by `resume`. */
function startRecord(
  plan: Plan,
  options: ExecuteOptions,
  id: string,
  started: Date,
  stages: StageRecord[],
): RunRecord {
  const code = options.code ?? readCodeVersion();
  const previous = options.resume?.record;
  if (previous) {
    const fromStage = previous.stages.find(
      (s) => s.status === "running" || s.status === "interrupted",
    )?.kind;
    const { finishedAt: _finished, error: _error, ...kept } = previous;
    return {
      ...kept,
      code,
      pid: process.pid,
      status: "running",
      stages,
      resumes: [
        ...(previous.resumes ?? []),
        { at: started.toISOString(), pid: process.pid, ...(fromStage ? { fromStage } : {}), code },
      ],
    };
  }
  return {
    id,
    name: plan.name,
    specFile: options.specFile,
    specHash: options.specHash,
    seed: plan.seed,
    ...(options.env ? { env: options.env } : {}),
    code,
    startedAt: started.toISOString(),
    pid: process.pid,
    status: "running",
    stages,
  };
}

/**
 * Runs a compiled plan into a new run folder. The folder is marked `running`
 * from the first write and only marked `complete` after metrics.json is in
 * place; failures and interruptions are recorded as such. The signal is
 * checked between stages after giving the event loop a turn (so a Ctrl-C
 * handler has run); long stages check it themselves at their safe points.
 */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<RunResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const resuming = options.resume !== undefined;
  const { id, dir } = options.resume
    ? { id: options.resume.record.id, dir: resolve(options.resume.dir) }
    : newRunFolder(plan, options, started);

  const stages: StageRecord[] = plan.stages.map((s) => ({
    kind: s.kind,
    type: s.type,
    status: "pending",
  }));
  const record = startRecord(plan, options, id, started, stages);
  writeRunRecord(dir, record);
  if (!resuming) {
    namingRunFile("spec.resolved.yaml", undefined, () =>
      writeFileAtomic(join(dir, "spec.resolved.yaml"), options.resolvedSpecYaml),
    );
    const provenance = options.provenance;
    if (provenance) {
      namingRunFile("spec.provenance.json", undefined, () =>
        writeFileAtomic(join(dir, "spec.provenance.json"), `${stableStringify(provenance)}\n`),
      );
    }
  }
  options.onEvent?.({ type: "run-start", id, dir });

  const logFile = join(dir, "logs", "run.log");
  mkdirSync(join(dir, "logs"), { recursive: true });
  const logger = createLogger((line: LogRecord) => {
    namingRunFile("logs/run.log", line.scope === "run" ? undefined : line.scope.slice(4), () =>
      appendFileSync(logFile, `${JSON.stringify(line)}\n`),
    );
    if (line.level === "warn") {
      options.onEvent?.({ type: "warning", scope: line.scope, message: line.message });
    }
  });
  const indexRun = runIndexUpdates(options.runIndex, (message) =>
    logger.child("store").log("warn", message),
  );
  await indexRun(dir, record);
  const seeds = createSeedPlan(plan.seed);
  const outputs: StageOutputStore = {};
  const metrics: Record<string, StageMetrics> = {};
  const signal = options.signal ?? new AbortController().signal;
  const finish = async (status: RunRecord["status"], error?: unknown): Promise<RunResult> => {
    record.status = status;
    record.finishedAt = now().toISOString();
    if (error !== undefined) record.error = error instanceof Error ? error.message : String(error);
    writeRunRecord(dir, record);
    await indexRun(dir, record);
    options.onEvent?.({
      type: "run-end",
      id,
      status,
      durationMs: Date.parse(record.finishedAt) - started.getTime(),
    });
    return { id, dir, status, metrics, outputs, ...(error !== undefined ? { error } : {}) };
  };

  for (const [i, stage] of plan.stages.entries()) {
    const stageRecord = stages[i]!;
    await yieldToEventLoop();
    if (signal.aborted) return finish("interrupted", new RunInterrupted());
    stageRecord.status = "running";
    writeRunRecord(dir, record);
    options.onEvent?.({ type: "stage-start", kind: stage.kind, stageType: stage.type });
    const t0 = performance.now();
    try {
      const output = await stage.run(
        {
          runId: id,
          run: {
            id,
            dir,
            name: plan.name,
            specFile: options.specFile,
            specHash: options.specHash,
            code: record.code,
            ...(options.env ? { env: options.env } : {}),
          },
          seed: plan.seed,
          seeds: seeds.fork(stage.kind),
          rng: seeds.fork(stage.kind).rng(),
          logger: logger.child(stage.kind),
          progress: options.progress ?? silentProgress,
          artifacts: createArtifactWriter(dir, stageDir(dir, stage.kind)),
          signal,
          ...(resuming ? { resuming: true } : {}),
        },
        declaredInputs(stage, outputs),
      );
      storeOutput(outputs, stage.kind, output);
      const stageMetrics = metricsOf(output);
      if (stageMetrics) metrics[stage.kind] = stageMetrics;
      const hash = hashOf(output);
      if (stage.kind === "data" && hash) record.dataHash = hash;
    } catch (error) {
      const interrupted = signal.aborted || error instanceof RunInterrupted;
      stageRecord.status = interrupted ? "interrupted" : "failed";
      stageRecord.durationMs = Math.round(performance.now() - t0);
      logFailure(logger, error, stage.kind);
      return finish(interrupted ? "interrupted" : "failed", error);
    }
    stageRecord.status = "complete";
    stageRecord.durationMs = Math.round(performance.now() - t0);
    writeRunRecord(dir, record);
    options.onEvent?.({ type: "stage-end", kind: stage.kind, durationMs: stageRecord.durationMs });
  }
  try {
    namingRunFile("metrics.json", undefined, () =>
      writeFileAtomic(
        join(dir, "metrics.json"),
        `${JSON.stringify(JSON.parse(stableStringify(metrics)), null, 2)}\n`,
      ),
    );
  } catch (error) {
    logFailure(logger, error, undefined);
    return finish("failed", error);
  }
  return finish("complete");
}

/**
 * Records a stage's failure in the run log. A log that cannot be written
 * (a full disk) must not hide the failure itself: the run is still marked.
 */
function logFailure(logger: Logger, error: unknown, stage: StageKind | undefined): void {
  try {
    logger.log("error", error instanceof Error ? error.message : String(error), {
      ...(stage ? { stage } : {}),
    });
  } catch {
    // The failure is recorded in run.json by the caller.
  }
}
