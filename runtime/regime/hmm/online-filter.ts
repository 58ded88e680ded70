import { createEmissionModel, type EmissionModel } from "./emission.js";
import { forwardStep } from "./forward-backward.js";
import type { GaussianHmmParams } from "./model.js";

/** The state a streaming filter carries between bars (plain data, serialisable). */
export interface HmmFilterState {
  /** Filtered distribution after the last observation, or null before the first. */
  readonly probabilities: readonly number[] | null;
  readonly logLikelihood: number;
  readonly steps: number;
}

export interface HmmFilterUpdate {
  readonly probabilities: Float64Array;
  /** Most probable state after this observation. */
  readonly label: number;
  /** Label before this observation (-1 before the first). */
  readonly previousLabel: number;
  readonly changed: boolean;
  readonly logLikelihood: number;
}

/**
 * Incremental forward filter: one observation in, P(s_t | x_0..t) out. It runs
 * the same `forwardStep` as the batch filter, so results are identical.
 */
export class HmmOnlineFilter {
  private readonly emission: EmissionModel;
  private readonly logb: Float64Array;
  private prev: Float64Array | null = null;
  private ll = 0;
  private steps = 0;

  constructor(
    readonly params: GaussianHmmParams,
    state?: HmmFilterState,
  ) {
    this.emission = createEmissionModel(params);
    this.logb = new Float64Array(params.nStates);
    if (state) {
      this.prev = state.probabilities ? Float64Array.from(state.probabilities) : null;
      this.ll = state.logLikelihood;
      this.steps = state.steps;
    }
  }

  update(x: Float64Array | readonly number[]): HmmFilterUpdate {
    const row = x instanceof Float64Array ? x : Float64Array.from(x);
    this.emission.logDensities(row, this.logb);
    const out = new Float64Array(this.params.nStates);
    const previousLabel = this.prev ? argmax(this.prev) : -1;
    this.ll += forwardStep(this.params, this.prev, this.logb, out);
    this.prev = out;
    this.steps++;
    const label = argmax(out);
    return {
      probabilities: out,
      label,
      previousLabel,
      changed: label !== previousLabel,
      logLikelihood: this.ll,
    };
  }

  state(): HmmFilterState {
    return {
      probabilities: this.prev ? Array.from(this.prev) : null,
      logLikelihood: this.ll,
      steps: this.steps,
    };
  }
}

export function argmax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}
