/**
 * Fixed-size on-policy storage (n_steps × n_envs) with SB3's GAE computation.
 */
export class RolloutBuffer {
  readonly obs: Float32Array;
  readonly actions: Float32Array;
  readonly logProbs: Float64Array;
  readonly values: Float64Array;
  readonly rewards: Float64Array;
  readonly episodeStarts: Uint8Array;
  readonly advantages: Float64Array;
  readonly returns: Float64Array;
  readonly size: number;

  constructor(
    readonly nSteps: number,
    readonly nEnvs: number,
    readonly obsSize: number,
    readonly actionSize: number,
  ) {
    this.size = nSteps * nEnvs;
    this.obs = new Float32Array(this.size * obsSize);
    this.actions = new Float32Array(this.size * actionSize);
    this.logProbs = new Float64Array(this.size);
    this.values = new Float64Array(this.size);
    this.rewards = new Float64Array(this.size);
    this.episodeStarts = new Uint8Array(this.size);
    this.advantages = new Float64Array(this.size);
    this.returns = new Float64Array(this.size);
  }

  /**
   * Generalized advantage estimation (Schulman et al. 2016) exactly as SB3's
   * `compute_returns_and_advantage`: `lastValues` are V(s_T) per env and
   * `lastDones` whether each env's final step ended an episode.
   */
  computeReturnsAndAdvantage(
    lastValues: Float64Array,
    lastDones: Uint8Array,
    gamma: number,
    lambda: number,
  ): void {
    const { nSteps, nEnvs } = this;
    for (let e = 0; e < nEnvs; e++) {
      let lastGae = 0;
      for (let step = nSteps - 1; step >= 0; step--) {
        const i = step * nEnvs + e;
        let nextNonTerminal: number;
        let nextValue: number;
        if (step === nSteps - 1) {
          nextNonTerminal = 1 - lastDones[e]!;
          nextValue = lastValues[e]!;
        } else {
          nextNonTerminal = 1 - this.episodeStarts[i + nEnvs]!;
          nextValue = this.values[i + nEnvs]!;
        }
        const delta = this.rewards[i]! + gamma * nextValue * nextNonTerminal - this.values[i]!;
        lastGae = delta + gamma * lambda * nextNonTerminal * lastGae;
        this.advantages[i] = lastGae;
        this.returns[i] = lastGae + this.values[i]!;
      }
    }
  }
}
