import { agentsMessages } from "../../messages/agents.js";
import { N_ENVS_KEY, resumeError } from "../algos/resume-error.js";

/**
 * Running mean and variance over batches (Chan et al.'s parallel update), as
 * in SB3's RunningMeanStd; used for observation normalisation and reward scaling.
 */
export interface RunningStatsState {
  readonly mean: number[];
  readonly var: number[];
  readonly count: number;
}

export class RunningMeanStd {
  readonly mean: Float64Array;
  readonly var: Float64Array;
  count: number;

  constructor(
    readonly size: number,
    epsilon = 1e-4,
  ) {
    this.mean = new Float64Array(size);
    this.var = new Float64Array(size).fill(1);
    this.count = epsilon;
  }

  /** Adds `rows` samples stored row-major in `batch` (rows × size). */
  update(batch: Float64Array, rows: number): void {
    const n = this.size;
    const bMean = new Float64Array(n);
    const bVar = new Float64Array(n);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < n; j++) bMean[j]! += batch[r * n + j]!;
    }
    for (let j = 0; j < n; j++) bMean[j]! /= rows;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < n; j++) {
        const d = batch[r * n + j]! - bMean[j]!;
        bVar[j]! += d * d;
      }
    }
    for (let j = 0; j < n; j++) bVar[j]! /= rows;
    const total = this.count + rows;
    for (let j = 0; j < n; j++) {
      const delta = bMean[j]! - this.mean[j]!;
      const m2 =
        this.var[j]! * this.count + bVar[j]! * rows + (delta * delta * this.count * rows) / total;
      this.mean[j] = this.mean[j]! + (delta * rows) / total;
      this.var[j] = m2 / total;
    }
    this.count = total;
  }

  state(): RunningStatsState {
    return { mean: Array.from(this.mean), var: Array.from(this.var), count: this.count };
  }

  restore(state: RunningStatsState): void {
    this.mean.set(state.mean);
    this.var.set(state.var);
    this.count = state.count;
  }
}

/** Observation normaliser: (obs − mean) / sqrt(var + ε), clipped to ±clip. */
export class ObservationNormalizer {
  readonly stats: RunningMeanStd;
  constructor(
    readonly size: number,
    readonly enabled: boolean,
    readonly clip = 10,
    readonly epsilon = 1e-8,
  ) {
    this.stats = new RunningMeanStd(size);
  }

  normalize(obs: Float64Array, out: Float64Array, offset = 0, outOffset = 0): Float64Array {
    const n = this.size;
    if (!this.enabled) {
      for (let j = 0; j < n; j++) out[outOffset + j] = obs[offset + j]!;
      return out;
    }
    const { mean, var: variance } = this.stats;
    for (let j = 0; j < n; j++) {
      const z = (obs[offset + j]! - mean[j]!) / Math.sqrt(variance[j]! + this.epsilon);
      out[outOffset + j] = z > this.clip ? this.clip : Math.max(z, -this.clip);
    }
    return out;
  }
}

/**
 * Reward scaling as SB3's VecNormalize(norm_reward=True): rewards are divided
 * by the standard deviation of the running discounted return and clipped.
 */
export class RewardScaler {
  readonly stats = new RunningMeanStd(1);
  private readonly returns: Float64Array;
  constructor(
    numEnvs: number,
    readonly enabled: boolean,
    readonly gamma: number,
    readonly clip = 10,
    readonly epsilon = 1e-8,
  ) {
    this.returns = new Float64Array(numEnvs);
  }

  /** Each env's running discounted return (a copy; part of a training checkpoint). */
  runningReturns(): Float64Array {
    return Float64Array.from(this.returns);
  }

  restoreRunningReturns(values: Float64Array): void {
    if (values.length !== this.returns.length) {
      throw resumeError(
        agentsMessages.resumeEnvCopies(values.length, this.returns.length),
        agentsMessages.resumeEnvCopiesHint(values.length),
        N_ENVS_KEY,
      );
    }
    this.returns.set(values);
  }

  /** Scales `rewards` in place; `dones[i]` resets env i's running return. */
  scale(rewards: Float64Array, dones: ArrayLike<number>, update: boolean): Float64Array {
    if (!this.enabled) return rewards;
    const n = rewards.length;
    if (update) {
      for (let i = 0; i < n; i++) this.returns[i] = this.returns[i]! * this.gamma + rewards[i]!;
      this.stats.update(this.returns, n);
    }
    const std = Math.sqrt(this.stats.var[0]! + this.epsilon);
    for (let i = 0; i < n; i++) {
      const r = rewards[i]! / std;
      rewards[i] = r > this.clip ? this.clip : Math.max(r, -this.clip);
      if (dones[i]) this.returns[i] = 0;
    }
    return rewards;
  }
}
