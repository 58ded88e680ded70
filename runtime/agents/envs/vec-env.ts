import type { Env } from "./env.js";
import type { Action, BoxSpace, Space } from "./spaces.js";

export interface CompletedEpisode {
  readonly env: number;
  readonly return: number;
  readonly length: number;
}

export interface VecStep {
  /** Observations after the step, `numEnvs × obsSize`; an env that finished shows its reset observation. */
  readonly obs: Float64Array;
  readonly rewards: Float64Array;
  readonly terminated: Uint8Array;
  readonly truncated: Uint8Array;
  /** The last observation of an episode that ended on this step (for bootstrapping on truncation). */
  readonly finalObs: readonly (Float64Array | null)[];
  readonly episodes: readonly CompletedEpisode[];
}

/**
 * N copies of an environment stepped in lock-step with automatic reset, like
 * Gymnasium's SyncVectorEnv (same-step autoreset) plus SB3's Monitor episode
 * statistics. `reset(seedFor)` reseeds copy i with `seedFor(i)` (a named fork
 * per copy, e.g. `seeds.fork("env", i).seed`); automatic resets use
 * `autoResetSeed(i)` when given (unseeded otherwise).
 */
export class VecEnv {
  readonly numEnvs: number;
  readonly obsSize: number;
  readonly observationSpace: BoxSpace;
  readonly actionSpace: Space;
  readonly obs: Float64Array;
  private readonly returns: Float64Array;
  private readonly lengths: Int32Array;
  private readonly rewards: Float64Array;
  private readonly terminated: Uint8Array;
  private readonly truncated: Uint8Array;

  constructor(
    readonly envs: readonly Env[],
    private readonly autoResetSeed?: (index: number) => number,
  ) {
    if (envs.length === 0) throw new RangeError("VecEnv needs at least one env");
    const first = envs[0]!;
    this.numEnvs = envs.length;
    this.observationSpace = first.observationSpace;
    this.actionSpace = first.actionSpace;
    this.obsSize = first.observationSpace.size;
    this.obs = new Float64Array(this.numEnvs * this.obsSize);
    this.returns = new Float64Array(this.numEnvs);
    this.lengths = new Int32Array(this.numEnvs);
    this.rewards = new Float64Array(this.numEnvs);
    this.terminated = new Uint8Array(this.numEnvs);
    this.truncated = new Uint8Array(this.numEnvs);
  }

  reset(seedFor?: (index: number) => number): Float64Array {
    this.envs.forEach((env, i) => {
      const { obs } = env.reset(seedFor?.(i));
      this.obs.set(obs, i * this.obsSize);
    });
    this.returns.fill(0);
    this.lengths.fill(0);
    return this.obs;
  }

  /**
   * Puts copy `index` mid-episode (after its env was reset and stepped by the
   * caller): its current observation and the episode's return and length so far.
   */
  setEpisode(index: number, obs: Float64Array, episodeReturn: number, length: number): void {
    this.obs.set(obs, index * this.obsSize);
    this.returns[index] = episodeReturn;
    this.lengths[index] = length;
  }

  step(actions: readonly Action[]): VecStep {
    const finalObs: (Float64Array | null)[] = [];
    const episodes: CompletedEpisode[] = [];
    for (let i = 0; i < this.numEnvs; i++) {
      const env = this.envs[i]!;
      const result = env.step(actions[i]!);
      this.rewards[i] = result.reward;
      this.terminated[i] = result.terminated ? 1 : 0;
      this.truncated[i] = result.truncated ? 1 : 0;
      this.returns[i]! += result.reward;
      this.lengths[i]!++;
      if (result.terminated || result.truncated) {
        finalObs.push(Float64Array.from(result.obs));
        episodes.push({ env: i, return: this.returns[i]!, length: this.lengths[i]! });
        this.returns[i] = 0;
        this.lengths[i] = 0;
        this.obs.set(env.reset(this.autoResetSeed?.(i)).obs, i * this.obsSize);
      } else {
        finalObs.push(null);
        this.obs.set(result.obs, i * this.obsSize);
      }
    }
    return {
      obs: this.obs,
      rewards: this.rewards,
      terminated: this.terminated,
      truncated: this.truncated,
      finalObs,
      episodes,
    };
  }
}
