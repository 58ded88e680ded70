import { join } from "node:path";
import { RunInterrupted } from "../core/interrupt.js";
import type { Progress } from "../core/progress.js";
import type { Rng } from "../core/rng.js";
import type { BarRange, Segments } from "../data/panel.js";
import type { AgentSection } from "./agent-section.js";
import type { Agent } from "./algos/agent.js";
import type { AlgorithmEntry } from "./algos/registry.js";
import type { Env } from "./envs/env.js";
import { type EpisodeResult, runEpisodes } from "./evaluation/episodes.js";
import { type ScoreSummary, summarize } from "./evaluation/summary-stats.js";
import { createAgent } from "./session.js";
import { type TrainingSummary, trainAgent } from "./training/trainer.js";

export type BuildEnv = (
  range: BarRange | undefined,
  seed: number,
  episodeLength?: number | null,
) => Env;

export interface SegmentScores {
  readonly train: ScoreSummary;
  readonly valid: ScoreSummary | null;
  readonly test: ScoreSummary | null;
}

export interface SeedResult {
  readonly seed: number;
  readonly agent: Agent;
  readonly training: TrainingSummary;
  readonly scores: SegmentScores;
  /** Raw episode returns per segment (M per seed). */
  readonly episodes: Readonly<Record<"train" | "valid" | "test", readonly number[]>>;
}

export interface TrainSeedOptions {
  readonly section: AgentSection;
  readonly algorithm: AlgorithmEntry;
  readonly buildEnv: BuildEnv;
  readonly segments: Segments | undefined;
  readonly seed: number;
  readonly rng: Rng;
  readonly progress?: Progress;
  readonly metricsPath?: string;
  readonly checkpointDir?: string;
  /** Where training checkpoints when the signal stops it (see TrainOptions.interruptCheckpointDir). */
  readonly interruptCheckpointDir?: string;
  /** Continue from the checkpoint an interrupted run wrote (`drlwb run --resume`). */
  readonly resume?: boolean;
  readonly signal?: AbortSignal;
  readonly label?: string;
  readonly hyperparameters?: Record<string, unknown>;
  /** Training range override (rolling windows of the ensemble). */
  readonly trainRange?: BarRange;
  readonly validRange?: BarRange;
}

function evaluationEnv(o: TrainSeedOptions, range: BarRange | undefined): Env {
  const length = o.section.evaluation?.episode_length;
  return o.buildEnv(range, o.seed + 7919, length === undefined ? null : length);
}

function scoreOn(agent: Agent, env: Env, episodes: number, seed: number): EpisodeResult[] {
  return runEpisodes(agent, env, episodes, seed, true);
}

/**
 * Trains one agent (one seed) on the train segment, scoring it on the
 * validation segment during training (early stopping, best weights), then
 * evaluates M deterministic episodes on train, valid and test.
 */
export async function trainOneSeed(o: TrainSeedOptions): Promise<SeedResult> {
  const { section } = o;
  const trainRange = o.trainRange ?? o.segments?.train;
  const validRange = o.validRange ?? o.segments?.valid;
  const makeEnv = (i: number): Env => o.buildEnv(trainRange, o.seed + i);
  const probe = makeEnv(0);
  const agent = createAgent(
    o.algorithm,
    section,
    probe,
    o.seed,
    o.rng,
    makeEnv,
    o.signal,
    o.hyperparameters,
  );
  const training = section.training ?? {};
  const evalEpisodes = training.eval_episodes ?? 1;
  const validEnv = evaluationEnv(o, validRange ?? trainRange);
  const evaluate = (): number => {
    const results = scoreOn(agent, validEnv, evalEpisodes, 0);
    return results.reduce((s, r) => s + r.return, 0) / results.length;
  };
  const summary = await trainAgent(agent, {
    totalTimesteps: section.total_timesteps,
    label: o.label ?? `train ${agent.algo} (seed ${o.seed})`,
    evaluate,
    evalFreq: training.eval_freq ?? 0,
    restoreBest: training.restore_best ?? validRange !== undefined,
    ...(o.progress ? { progress: o.progress } : {}),
    ...(o.metricsPath ? { metricsPath: o.metricsPath } : {}),
    ...(training.early_stopping
      ? {
          earlyStopping: {
            patience: training.early_stopping.patience,
            minDelta: training.early_stopping.min_delta ?? 0,
          },
        }
      : {}),
    ...(o.checkpointDir
      ? {
          checkpointDir: o.checkpointDir,
          checkpointFreq: training.checkpoint_freq ?? 0,
          resume: o.resume === true || (training.resume ?? false),
        }
      : {}),
    ...(o.interruptCheckpointDir ? { interruptCheckpointDir: o.interruptCheckpointDir } : {}),
    ...(o.resume && !o.checkpointDir ? { resume: true } : {}),
    ...(training.time_budget_s !== undefined
      ? { timeBudgetMs: training.time_budget_s * 1000 }
      : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    metadata: { section },
  });
  if (summary.stoppedBy === "aborted") {
    // Checkpointed by the trainer; the run stops here instead of scoring a half-trained agent.
    agent.dispose();
    throw new RunInterrupted();
  }
  if (o.trainRange) {
    // Rolling windows (ensemble): score on the window's own ranges only.
    return scoreAgent(
      agent,
      section,
      o.buildEnv,
      { train: trainRange!, valid: validRange, test: validRange! },
      summary,
      o.seed,
    );
  }
  return scoreAgent(agent, section, o.buildEnv, o.segments, summary, o.seed);
}

/**
 * M deterministic evaluation episodes of a trained agent on each segment
 * (random starts when `evaluation.episode_length` is set, else the whole segment).
 */
export function scoreAgent(
  agent: Agent,
  section: AgentSection,
  buildEnv: BuildEnv,
  segments: Segments | undefined,
  training: TrainingSummary,
  seed = 0,
): SeedResult {
  const m = section.evaluation?.episodes ?? 5;
  const length = section.evaluation?.episode_length;
  const returnsOn = (range: BarRange | undefined): number[] =>
    runEpisodes(
      agent,
      buildEnv(range, seed + 7919, length === undefined ? null : length),
      m,
      100,
      true,
    ).map((r) => r.return);
  const train = returnsOn(segments?.train);
  const valid = segments?.valid ? returnsOn(segments.valid) : [];
  const test = segments?.test ? returnsOn(segments.test) : [];
  return {
    seed,
    agent,
    training,
    scores: {
      train: summarize(train),
      valid: valid.length ? summarize(valid) : null,
      test: test.length ? summarize(test) : null,
    },
    episodes: { train, valid, test },
  };
}

export function checkpointFolder(base: string, seedIndex: number): string {
  return join(base, `seed-${seedIndex}`);
}
