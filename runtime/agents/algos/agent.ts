import type { RunningStatsState } from "../envs/running-stats.js";
import type { CompletedEpisode } from "../envs/vec-env.js";
import type { Action, Space } from "../envs/spaces.js";
import type { MlpTopology } from "../nn/mlp.js";
import type { OptimizerState } from "../nn/optimizers.js";

/**
 * Hyperparameters as written in a spec, an ensemble or a saved model (rl-zoo
 * names, snake_case): each algorithm resolves them against its own schema
 * (algorithm-hyperparameters.ts) and saves the resolved values in its snapshot.
 */
export type Hyperparameters = object;

/** What training reports after each iteration (rollout + update, or N off-policy steps). */
export interface IterationReport {
  readonly timesteps: number;
  readonly episodes: readonly CompletedEpisode[];
  /** Loss terms and diagnostics of the last update (policy_loss, value_loss, entropy, …). */
  readonly losses: Readonly<Record<string, number>>;
}

export interface LearnHooks {
  /** Called after each iteration; return `false` to stop training early. */
  onIteration(report: IterationReport): Promise<boolean | undefined> | boolean | undefined;
}

/** Everything needed to rebuild an agent bit for bit: the content of a saved model. */
export interface AgentSnapshot {
  readonly algo: string;
  readonly hyperparameters: Hyperparameters;
  readonly observationSize: number;
  readonly actionSpace: SerializedSpace;
  readonly networks: readonly MlpTopology[];
  /** Named weight arrays (network variables and free variables such as log_std). */
  readonly weights: readonly { name: string; shape: number[]; values: Float32Array }[];
  readonly optimizers: Readonly<Record<string, OptimizerState>>;
  readonly observationStats: RunningStatsState | null;
  readonly rewardStats: RunningStatsState | null;
  readonly numTimesteps: number;
  readonly counters: Readonly<Record<string, number>>;
}

/**
 * Training state beyond the model that an exact resume needs (replay buffer,
 * random-stream positions, the episode in progress): JSON scalars plus named
 * binary arrays, stored next to a checkpoint's model (see io/resume-state-io.ts).
 */
export interface ResumeState {
  readonly meta: Readonly<Record<string, unknown>>;
  readonly arrays: Readonly<Record<string, Float32Array | Float64Array>>;
}

export type SerializedSpace =
  | { kind: "discrete"; n: number }
  | { kind: "box"; low: number[]; high: number[] };

export function serializeSpace(space: Space): SerializedSpace {
  return space.kind === "discrete"
    ? { kind: "discrete", n: space.n }
    : { kind: "box", low: Array.from(space.low), high: Array.from(space.high) };
}

/** A trained or training agent: the policy plus what is needed to continue training. */
export interface Agent {
  readonly algo: string;
  readonly numTimesteps: number;
  /** Trains until `totalTimesteps` environment steps have been taken in total. */
  learn(totalTimesteps: number, hooks?: LearnHooks): Promise<void>;
  /** The action for one raw (unnormalized) observation. */
  predict(obs: Float64Array, deterministic?: boolean): Action;
  snapshot(): AgentSnapshot;
  restore(snapshot: AgentSnapshot): void;
  /** Training state a checkpoint needs on top of `snapshot()` for a bit-identical resume. */
  resumeState?(): ResumeState;
  /** Restores `resumeState()` output into an agent just restored from the same checkpoint. */
  restoreResumeState?(state: ResumeState): void;
  dispose(): void;
}
