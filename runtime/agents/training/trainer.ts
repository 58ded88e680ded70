import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../../core/atomic-write.js";
import { type Progress, silentProgress } from "../../core/progress.js";
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
  readonly resume?: boolean;
  readonly metadata?: ModelMetadata;
  /** Wall-clock budget; training stops at the first iteration past it (recorded: not reproducible). */
  readonly timeBudgetMs?: number;
  readonly signal?: AbortSignal;
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
 * episode statistics of the metrics log, and the agent's `resumeState` when it
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
  if (options.resume && options.checkpointDir && hasCheckpoint(options.checkpointDir)) {
    const state = readCheckpointState(options.checkpointDir);
    const modelDir = join(options.checkpointDir, state.model);
    resumedModelDir = modelDir;
    const { snapshot } = await loadSnapshot(modelDir);
    try {
      agent.restore(snapshot);
      const extra = agent.restoreResumeState ? loadResumeState(join(modelDir, RESUME_DIR)) : null;
      if (extra) agent.restoreResumeState!(extra);
    } catch (error) {
      throw inCheckpoint(error, modelDir);
    }
    resumedFrom = agent.numTimesteps;
    if (options.metricsPath) truncateMetrics(options.metricsPath, resumedFrom);
    episodes = state.episodes ?? 0;
    recent.push(...(state.recentReturns ?? []));
  }
  const started = performance.now();
  const startSteps = agent.numTimesteps;
  let stoppedBy = "total_timesteps" as StopReason;
  const evaluations: { timesteps: number; score: number }[] = [];
  let best: { score: number; timesteps: number; snapshot: AgentSnapshot } | null = null;
  let sinceImprovement = 0;
  let nextEval = options.evalFreq
    ? agent.numTimesteps + options.evalFreq
    : Number.POSITIVE_INFINITY;
  let nextCheckpoint = options.checkpointFreq
    ? agent.numTimesteps + options.checkpointFreq
    : Number.POSITIVE_INFINITY;
  progress.start(options.label ?? `train ${agent.algo}`, options.totalTimesteps);

  const runEvaluation = (timesteps: number): boolean => {
    if (!options.evaluate) return true;
    const score = options.evaluate();
    evaluations.push({ timesteps, score });
    appendJsonl(options.metricsPath, { type: "eval", timesteps, score });
    const improved = best === null || score > best.score + (options.earlyStopping?.minDelta ?? 0);
    if (improved) {
      best = { score, timesteps, snapshot: agent.snapshot() };
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
      await saveCheckpoint(options.checkpointDir, agent, options.metadata, { episodes, recent });
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
    throw resumedModelDir ? inCheckpoint(error, resumedModelDir) : error;
  }
  if (
    options.evaluate &&
    stoppedBy !== "aborted" &&
    evaluations.at(-1)?.timesteps !== agent.numTimesteps
  ) {
    runEvaluation(agent.numTimesteps);
  }
  const chosen = best as { score: number; timesteps: number; snapshot: AgentSnapshot } | null;
  if (options.restoreBest && chosen && chosen.timesteps !== agent.numTimesteps) {
    const steps = agent.numTimesteps;
    agent.restore({ ...chosen.snapshot, numTimesteps: steps });
  }
  if (options.checkpointDir) {
    await saveCheckpoint(options.checkpointDir, agent, options.metadata, { episodes, recent });
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
): Promise<void> {
  const previous = hasCheckpoint(dir) ? readCheckpointState(dir).model : null;
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
  };
  writeJsonAtomic(join(dir, CHECKPOINT_STATE), state);
  if (previous && previous !== model) rmSync(join(dir, previous), { recursive: true, force: true });
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
