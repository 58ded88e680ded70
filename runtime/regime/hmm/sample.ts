import type { Rng } from "../../core/rng.js";
import { cholesky } from "../../stats/linear-algebra.js";
import type { GaussianHmmParams } from "./model.js";

export interface HmmSample {
  /** n×d row-major observations. */
  readonly values: Float64Array;
  readonly states: Int32Array;
}

function draw(probs: Float64Array, offset: number, k: number, rng: Rng): number {
  let u = rng.next();
  for (let j = 0; j < k - 1; j++) {
    u -= probs[offset + j]!;
    if (u < 0) return j;
  }
  return k - 1;
}

/** Draws a state path and observations of length n from the model. */
export function sampleHmm(params: GaussianHmmParams, n: number, rng: Rng): HmmSample {
  const k = params.nStates;
  const d = params.dim;
  const chol = new Float64Array(k * d * d);
  if (params.covarianceType === "full") {
    for (let s = 0; s < k; s++) {
      if (!cholesky(params.covars, d, chol, s * d * d, s * d * d)) {
        throw new Error(`covariance of state ${s} is not positive definite`);
      }
    }
  }
  const values = new Float64Array(n * d);
  const states = new Int32Array(n);
  const z = new Float64Array(d);
  let s = draw(params.startProb, 0, k, rng);
  for (let t = 0; t < n; t++) {
    if (t > 0) s = draw(params.transmat, s * k, k, rng);
    states[t] = s;
    for (let j = 0; j < d; j++) z[j] = rng.normal();
    for (let i = 0; i < d; i++) {
      let v = params.means[s * d + i]!;
      if (params.covarianceType === "diag") v += Math.sqrt(params.covars[s * d + i]!) * z[i]!;
      else for (let j = 0; j <= i; j++) v += chol[s * d * d + i * d + j]! * z[j]!;
      values[t * d + i] = v;
    }
  }
  return { values, states };
}
