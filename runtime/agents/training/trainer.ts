import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../../core/atomic-write.js";
import { type Progress, silentProgress } from "../../core/progress.js";
import type { SpecLocation } from "../../core/spec-location.js";
import type { Agent, AgentSnapshot, IterationReport } from "../algos/agent.js";
import { loadSnapshot, type ModelMetadata, saveSnapshot } from "../io/model-io.js";
import { loadResumeState, saveResumeState } from "../io/resume-state-io.js";
import { inCheckpoint } from "../algos/resume-error.js";

export interface EarlyStopping {
  /** Evaluations without improvement before stopping. */
  readonly patience: number;
  /** Minimum improvement of the evaluation score that counts. */
  readonly minDelta: number;
}

export interface TrainOptions {
  readonly totalTimesteps: number;
  readonly progress?: Progress;
  readonly label?: string;
  /** JSONL metrics log path (appended; one record per iteration and per evaluation). */
  readonly metricsPath?: string;
  /** Scores the current policy (e.g. mean return on the validation segment); higher is better. */
  readonly evaluate?: () => number;
  /** Evaluate every this many timesteps (0 = only at the end). */
  readonly evalFreq?: number;
  readonly earlyStopping?: EarlyStopping;
  /** Keep the weights of the best evaluation at the end (SB3 EvalCallback's best model). */
  readonly restoreBest?: boolean;
  /** Checkpoint folder: saved every `checkpointFreq` timesteps; resumed from when present. */
  readonly checkpointDir?: string;
  readonly checkpointFreq?: number;
  /**
   * Checkpoint folder written only when `signal` stops training (and read on
   * `resume`), for runs that asked for no periodic checkpoints; removed once
   * training completes. Ignored when `checkpointDir` is set (that one is used).
   */
  readonly interruptCheckpointDir?: string;
  readonly resume?: boolean;
  readonly metadata?: ModelMetadata;
  /** Wall-clock budget; training stops at the first iteration past it (recorded: not reproducible). */
  readonly timeBudgetMs?: number;
  readonly signal?: AbortSignal;
  /** The agent section's place in the spec: resume problems point at its keys. */
  readonly loc?: SpecLocation;
}

export type StopReason = "total_timesteps" | "early_stopping" | "time_budget" | "aborted";

export interface TrainingSummary {
  readonly algo: string;
  readonly timesteps: number;
  readonly episodes: number;
  /** Mean return of the last (up to) 100 training episodes. */
  readonly meanEpisodeReturn: number | null;
  readonly stepsPerSecond: number;
  readonly wallSeconds: number;
  readonly stoppedBy: StopReason;
  readonly evaluations: readonly { timesteps: number; score: number }[];
  readonly bestScore: number | null;
  readonly bestTimesteps: number | null;
  readonly resumedFrom: number | null;
}

const CHECKPOINT_STATE = "checkpoint.json";

function appendJsonl(path: string | undefined, record: Record<string, unknown>): void {
  if (!path) return;
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, `${JSON.stringify(record)}\n`);
}

/**
 * Drops the records a killed run logged after its last checkpoint (and a line
 * cut short by the kill), so the resumed run continues the log without
 * repeating steps.
 */
function truncateMetrics(path: string, timesteps: number): void {
  if (!existsSync(path)) return;
  const kept = readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => {
      try {
        const record = JSON.parse(line) as { timesteps?: unknown };
        return typeof record.timesteps !== "number" || record.timesteps <= timesteps;
      } catch {
        return false;
      }
    });
  writeFileAtomic(path, kept.map((line) => `${line}\n`).join(""));
}

/** Whether a resumable checkpoint exists in `dir`. */
export function hasCheckpoint(dir: string): boolean {
  return existsSync(join(dir, CHECKPOINT_STATE));
}

/**
 * Trains an agent with progress reports, a JSONL metrics log, periodic
 * evaluation with early stopping, and checkpoints that a killed process
 * resumes from (weights, optimizer state, normalisation statistics, step count,
 * episode statistics of the metrics log, the evaluation state (evaluations,
 * best score and, with `restoreBest`, its snapshot, early-stopping patience,
 * next evaluation and checkpoint steps), and the agent's `resumeState` when it
 * has one: off-policy agents save their replay buffer, random-stream position
 * and episode in progress; PPO / A2C their random-stream position, each env
 * copy's episode in progress, observations and reward-scaler returns, taken
 * between updates; so resumed runs are bit-identical).
 */
export async function trainAgent(agent: Agent, options: TrainOptions): Promise<TrainingSummary> {
  const progress = options.progress ?? silentProgress;
  let resumedFrom: number | null = null;
  const recent: number[] = [];
  let episodes = 0;
  let resumedModelDir: string | null = null;
  let resumedEval: EvaluationState | null = null;
  let bestSnapshot: AgentSnapshot | null = null;
  const checkpointDir = options.checkpointDir ?? options.interruptCheckpointDir;
  if (options.resume && checkpointDir && hasCheckpoint(checkpointDir)) {
    const state = readCheckpointState(checkpointDir);
    const modelDir = join(checkpointDir, state.model);
    resumedModelDir = modelDir;
    const { snapshot } = await loadSnapshot(modelDir);
    try {
      agent.restore(snapshot);
      const extra = agent.restoreResumeState ? loadResumeState(join(modelDir, RESUME_DIR)) : null;
      if (extra) agent.restoreResumeState!(extra);
    } catch (error) {
      throw inCheckpoint(error, modelDir, options.loc);
    }
    resumedFrom = agent.numTimesteps;
    if (options.metricsPath) truncateMetrics(options.metricsPath, resumedFrom);
    episodes = state.episodes ?? 0;
    recent.push(...(state.recentReturns ?? []));
    resumedEval = state.evaluation ?? null;
    if (resumedEval?.best?.model && options.restoreBest) {
      bestSnapshot = (await loadSnapshot(join(checkpointDir, resumedEval.best.model))).snapshot;
    }
  } else if (options.metricsPath && existsSync(options.metricsPath)) {
    // A fresh training starts its log afresh (a resumed run re-training an earlier seed).
    writeFileAtomic(options.metricsPath, "");
  }
  const started = performance.now();
  const startSteps = agent.numTimesteps;
  let stoppedBy = "total_timesteps" as StopReason;
  // Restored from the checkpoint when resuming: early-stopping patience and the
  // evaluation and checkpoint schedules continue where the killed run was.
  const evaluations: { timesteps: number; score: number }[] = [...(resumedEval?.evaluations ?? [])];
  let best: Best | null = resumedEval?.best
    ? { ...resumedEval.best, snapshot: bestSnapshot, model: resumedEval.best.model ?? null }
    : null;
  let sinceImprovement = resumedEval?.sinceImprovement ?? 0;
  let nextEval = options.evalFreq
    ? (resumedEval?.nextEval ?? agent.numTimesteps + options.evalFreq)
    : Number.POSITIVE_INFINITY;
  let nextCheckpoint = options.checkpointFreq
    ? (resumedEval?.nextCheckpoint ?? agent.numTimesteps + options.checkpointFreq)
    : Number.POSITIVE_INFINITY;
  const evaluationState = (): EvaluationTrack => ({
    evaluations,
    best,
    sinceImprovement,
    nextEval,
    nextCheckpoint,
    keepBest: options.restoreBest === true,
  });
  progress.start(options.label ?? `train ${agent.algo}`, options.totalTimesteps);

  const runEvaluation = (timesteps: number): boolean => {
    if (!options.evaluate) return true;
    const score = options.evaluate();
    evaluations.push({ timesteps, score });
    appendJsonl(options.metricsPath, { type: "eval", timesteps, score });
    const improved = best === null || score > best.score + (options.earlyStopping?.minDelta ?? 0);
    if (improved) {
      best = {
        score,
        timesteps,
        snapshot: options.restoreBest ? agent.snapshot() : null,
        model: null,
      };
      sinceImprovement = 0;
    } else {
      sinceImprovement++;
    }
    return !(options.earlyStopping && sinceImprovement >= options.earlyStopping.patience);
  };

  const onIteration = async (report: IterationReport): Promise<boolean> => {
    for (const e of report.episodes) {
      recent.push(e.return);
      if (recent.length > 100) recent.shift();
    }
    episodes += report.episodes.length;
    const seconds = (performance.now() - started) / 1000;
    const stepsPerSecond = (report.timesteps - startSteps) / Math.max(seconds, 1e-9);
    const meanReturn = recent.length ? recent.reduce((s, v) => s + v, 0) / recent.length : null;
    appendJsonl(options.metricsPath, {
      type: "train",
      timesteps: report.timesteps,
      episodes,
      episode_reward_mean: meanReturn,
      steps_per_second: stepsPerSecond,
      ...report.losses,
    });
    progress.update(Math.min(report.timesteps, options.totalTimesteps), {
      ...(meanReturn !== null ? { episode_reward: Number(meanReturn.toFixed(4)) } : {}),
      steps_per_s: Math.round(stepsPerSecond),
    });
    let proceed = true;
    if (report.timesteps >= nextEval) {
      nextEval += options.evalFreq!;
      if (!runEvaluation(report.timesteps)) {
        stoppedBy = "early_stopping";
        proceed = false;
      }
    }
    if (options.checkpointDir && report.timesteps >= nextCheckpoint) {
      nextCheckpoint += options.checkpointFreq!;
      await saveCheckpoint(
        options.checkpointDir,
        agent,
        options.metadata,
        { episodes, recent },
        evaluationState(),
      );
    }
    if (options.timeBudgetMs !== undefined && performance.now() - started > options.timeBudgetMs) {
      stoppedBy = "time_budget";
      proceed = false;
    }
    if (options.signal?.aborted) {
      stoppedBy = "aborted";
      proceed = false;
    }
    return proceed;
  };

  try {
    await agent.learn(options.totalTimesteps, { onIteration });
  } catch (error) {
    // The first `learn` after a resume rebuilds the episodes in progress by replay.
    throw resumedModelDir ? inCheckpoint(error, resumedModelDir, options.loc) : error;
  }
  // The agent's own loop also stops on the signal, at a safe point between iterations.
  if (
    stoppedBy === "total_timesteps" &&
    options.signal?.aborted &&
    agent.numTimesteps < options.totalTimesteps
  ) {
    stoppedBy = "aborted";
  }
  if (
    options.evaluate &&
    stoppedBy !== "aborted" &&
    evaluations.at(-1)?.timesteps !== agent.numTimesteps
  ) {
    runEvaluation(agent.numTimesteps);
  }
  const chosen = best as Best | null;
  const interrupted = stoppedBy === "aborted";
  if (interrupted && checkpointDir) {
    // The current weights and state, not the best ones: resume continues from here.
    await saveCheckpoint(
      checkpointDir,
      agent,
      options.metadata,
      { episodes, recent },
      evaluationState(),
    );
  }
  if (
    !interrupted &&
    options.restoreBest &&
    chosen?.snapshot &&
    chosen.timesteps !== agent.numTimesteps
  ) {
    const steps = agent.numTimesteps;
    agent.restore({ ...chosen.snapshot, numTimesteps: steps });
  }
  if (!interrupted && options.checkpointDir) {
    await saveCheckpoint(
      options.checkpointDir,
      agent,
      options.metadata,
      { episodes, recent },
      evaluationState(),
    );
  } else if (!interrupted && options.interruptCheckpointDir) {
    rmSync(options.interruptCheckpointDir, { recursive: true, force: true });
  }
  const wallSeconds = (performance.now() - started) / 1000;
  progress.finish(`${agent.numTimesteps} steps in ${wallSeconds.toFixed(1)} s`);
  return {
    algo: agent.algo,
    timesteps: agent.numTimesteps,
    episodes,
    meanEpisodeReturn: recent.length ? recent.reduce((s, v) => s + v, 0) / recent.length : null,
    stepsPerSecond: (agent.numTimesteps - startSteps) / Math.max(wallSeconds, 1e-9),
    wallSeconds,
    stoppedBy,
    evaluations,
    bestScore: chosen?.score ?? null,
    bestTimesteps: chosen?.timesteps ?? null,
    resumedFrom,
  };
}

interface CheckpointState {
  readonly timesteps: number;
  readonly algo: string;
  /** Sub-folder holding the model of this checkpoint. */
  readonly model: string;
  /** Training episodes so far and the last (up to) 100 returns: the metrics log continues exactly. */
  readonly episodes?: number;
  readonly recentReturns?: readonly number[];
  /** Evaluations so far, the best one and the schedules (absent in checkpoints of older versions). */
  readonly evaluation?: EvaluationState;
}

/** The trainer's evaluation bookkeeping, saved with each checkpoint. */
interface EvaluationState {
  readonly evaluations: readonly { timesteps: number; score: number }[];
  /** `model`: folder of the best evaluation's snapshot (kept for `restoreBest`). */
  readonly best: { score: number; timesteps: number; model?: string } | null;
  readonly sinceImprovement: number;
  /** Next evaluation / checkpoint step; null when there is none (JSON has no Infinity). */
  readonly nextEval: number | null;
  readonly nextCheckpoint: number | null;
}

/** The best evaluation; `snapshot` only with `restoreBest`, `model` once written to a checkpoint. */
interface Best {
  score: number;
  timesteps: number;
  snapshot: AgentSnapshot | null;
  model: string | null;
}

interface EvaluationTrack {
  readonly evaluations: readonly { timesteps: number; score: number }[];
  readonly best: Best | null;
  readonly sinceImprovement: number;
  readonly nextEval: number;
  readonly nextCheckpoint: number;
  readonly keepBest: boolean;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Writes the best evaluation's snapshot (once per best) to `best-step-…` and
 * returns the checkpoint's record of the evaluation state.
 */
async function saveEvaluationState(
  dir: string,
  track: EvaluationTrack,
  metadata: ModelMetadata,
): Promise<EvaluationState> {
  const best = track.best;
  if (best && track.keepBest && best.snapshot && best.model === null) {
    const model = `best-step-${String(best.timesteps).padStart(10, "0")}`;
    await saveSnapshot(join(dir, model), best.snapshot, metadata);
    best.model = model;
  }
  return {
    evaluations: [...track.evaluations],
    best: best
      ? {
          score: best.score,
          timesteps: best.timesteps,
          ...(best.model ? { model: best.model } : {}),
        }
      : null,
    sinceImprovement: track.sinceImprovement,
    nextEval: finite(track.nextEval),
    nextCheckpoint: finite(track.nextCheckpoint),
  };
}

/** Sub-folder of a checkpoint's model folder with the agent's resume state (replay buffer, …). */
const RESUME_DIR = "resume";

/**
 * Each checkpoint is written to its own sub-folder first; `checkpoint.json`
 * is then replaced atomically to point at it, so a kill at any moment leaves
 * the previous complete checkpoint in force. Older sub-folders are removed.
 */
async function saveCheckpoint(
  dir: string,
  agent: Agent,
  metadata: ModelMetadata | undefined,
  progress: { episodes: number; recent: readonly number[] },
  track: EvaluationTrack,
): Promise<void> {
  const before = hasCheckpoint(dir) ? readCheckpointState(dir) : null;
  const previous = before?.model ?? null;
  const evaluation = await saveEvaluationState(dir, track, metadata ?? {});
  const model = `step-${String(agent.numTimesteps).padStart(10, "0")}`;
  await saveSnapshot(join(dir, model), agent.snapshot(), metadata ?? {});
  const extra = agent.resumeState?.();
  if (extra) saveResumeState(join(dir, model, RESUME_DIR), extra);
  const state: CheckpointState = {
    timesteps: agent.numTimesteps,
    algo: agent.algo,
    model,
    episodes: progress.episodes,
    recentReturns: [...progress.recent],
    evaluation,
  };
  writeJsonAtomic(join(dir, CHECKPOINT_STATE), state);
  if (previous && previous !== model) rmSync(join(dir, previous), { recursive: true, force: true });
  const previousBest = before?.evaluation?.best?.model;
  if (previousBest && previousBest !== evaluation.best?.model) {
    rmSync(join(dir, previousBest), { recursive: true, force: true });
  }
}

function readCheckpointState(dir: string): CheckpointState {
  return JSON.parse(readFileSync(join(dir, CHECKPOINT_STATE), "utf8")) as CheckpointState;
}

/** The model folder of the latest complete checkpoint in `dir`. */
export function checkpointModelDir(dir: string): string {
  return join(dir, readCheckpointState(dir).model);
}

export function readCheckpointTimesteps(dir: string): number | null {
  return hasCheckpoint(dir) ? readCheckpointState(dir).timesteps : null;
}
