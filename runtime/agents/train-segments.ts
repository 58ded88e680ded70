import { join } from "node:path";
import { RunInterrupted } from "../core/interrupt.js";
import type { Progress } from "../core/progress.js";
import type { SeedPlan } from "../core/seed-plan.js";
import type { SpecLocation } from "../core/spec-location.js";
import type { BarRange, Segments } from "../contracts/panel.js";
import type { AgentSpec } from "../spec/types.generated.js";
import type { Agent } from "./algos/agent.js";
import type { AlgorithmEntry } from "./algos/registry.js";
import type { Env } from "./envs/env.js";
import { runEpisodes } from "./evaluation/episodes.js";
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
  readonly section: AgentSpec;
  /** The agent section's place in the spec, for the errors training raises. */
  readonly loc: SpecLocation;
  readonly algorithm: AlgorithmEntry;
  readonly buildEnv: BuildEnv;
  readonly segments: Segments | undefined;
  /**
   * This training's seeds (the stage's `seeds.fork("agent", k)`): the
   * algorithm's seed, its sampling stream, env copy i and the evaluation
   * episodes are named forks of it (see `algorithmSeed`, `scoreAgent`).
   */
  readonly seeds: SeedPlan;
  readonly progress?: Progress;
  readonly metricsPath?: string;
  readonly checkpointDir?: string;
  /** Where training checkpoints when the signal stops it (see TrainOptions.interruptCheckpointDir). */
  readonly interruptCheckpointDir?: string;
  /** Continue from the checkpoint an interrupted run wrote (`drlwb run --resume`). */
  readonly resume?: boolean;
  readonly signal?: AbortSignal;
  readonly label?: string;
  /** This algorithm's hyperparameters instead of the section's (an ensemble member's). */
  readonly hyperparameters?: object;
  /** Training range override (rolling windows of the ensemble). */
  readonly trainRange?: BarRange;
  readonly validRange?: BarRange;
}

/** The seed the algorithm is built with (its init and sampling streams, its episode seeds). */
export function algorithmSeed(seeds: SeedPlan): number {
  return seeds.fork("algorithm").seed;
}

/**
 * The env M deterministic evaluation episodes run in: seeded by `seeds.fork("env")`
 * (its episodes reset with `seeds.fork("episode", k)`, see runEpisodes).
 */
function evaluationEnv(
  section: AgentSpec,
  buildEnv: BuildEnv,
  range: BarRange | undefined,
  seeds: SeedPlan,
): Env {
  const length = section.evaluation.episode_length;
  return buildEnv(range, seeds.fork("env").seed, length === undefined ? null : length);
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
  const makeEnv = (i: number): Env => o.buildEnv(trainRange, o.seeds.fork("env", i).seed);
  const seed = algorithmSeed(o.seeds);
  const probe = makeEnv(0);
  const agent = createAgent(
    o.algorithm,
    section,
    o.loc,
    probe,
    seed,
    o.seeds.fork("sampling").rng(),
    makeEnv,
    o.signal,
    o.hyperparameters,
  );
  const { training } = section;
  const evalEpisodes = training.eval_episodes;
  // The same validation episodes at every evaluation, so the scores compare.
  const validation = o.seeds.fork("validation");
  const validEnv = evaluationEnv(section, o.buildEnv, validRange ?? trainRange, validation);
  const evaluate = (): number => {
    const results = runEpisodes(agent, validEnv, evalEpisodes, validation);
    return results.reduce((s, r) => s + r.return, 0) / results.length;
  };
  const summary = await trainAgent(agent, {
    totalTimesteps: section.total_timesteps,
    loc: o.loc,
    label: o.label ?? `train ${agent.algo} (seed ${seed})`,
    evaluate,
    evalFreq: training.eval_freq,
    restoreBest: training.restore_best ?? validRange !== undefined,
    ...(o.progress ? { progress: o.progress } : {}),
    ...(o.metricsPath ? { metricsPath: o.metricsPath } : {}),
    ...(training.early_stopping
      ? {
          earlyStopping: {
            patience: training.early_stopping.patience,
            minDelta: training.early_stopping.min_delta,
          },
        }
      : {}),
    ...(o.checkpointDir
      ? {
          checkpointDir: o.checkpointDir,
          checkpointFreq: training.checkpoint_freq,
          resume: o.resume === true || training.resume,
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
      o.seeds,
    );
  }
  return scoreAgent(agent, section, o.buildEnv, o.segments, summary, o.seeds);
}

/**
 * M deterministic evaluation episodes of a trained agent on each segment
 * (random starts when `evaluation.episode_length` is set, else the whole segment).
 * `seeds` is the plan the agent was trained with; segment s is evaluated from
 * its fork `("evaluation", s)`.
 */
export function scoreAgent(
  agent: Agent,
  section: AgentSpec,
  buildEnv: BuildEnv,
  segments: Segments | undefined,
  training: TrainingSummary,
  seeds: SeedPlan,
): SeedResult {
  const m = section.evaluation.episodes;
  const returnsOn = (
    segment: "train" | "valid" | "test",
    range: BarRange | undefined,
  ): number[] => {
    const evaluation = seeds.fork("evaluation", segment);
    const env = evaluationEnv(section, buildEnv, range, evaluation);
    return runEpisodes(agent, env, m, evaluation).map((r) => r.return);
  };
  const train = returnsOn("train", segments?.train);
  const valid = segments?.valid ? returnsOn("valid", segments.valid) : [];
  const test = segments?.test ? returnsOn("test", segments.test) : [];
  return {
    seed: algorithmSeed(seeds),
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
