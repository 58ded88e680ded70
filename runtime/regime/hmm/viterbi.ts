import { logEmissionMatrix } from "./emission.js";
import type { GaussianHmmParams, Observations } from "./model.js";

export interface ViterbiResult {
  /** Most likely state path. */
  readonly path: Int32Array;
  /** log p(x, path). */
  readonly logProbability: number;
}

/** Most likely state sequence (log-space Viterbi). Uses the whole sequence. */
export function viterbi(params: GaussianHmmParams, obs: Observations): ViterbiResult {
  const k = params.nStates;
  const n = obs.n;
  const logB = logEmissionMatrix(params, obs);
  const logA = params.transmat.map(Math.log);
  const delta = new Float64Array(n * k);
  const back = new Int32Array(n * k);
  for (let j = 0; j < k; j++) delta[j] = Math.log(params.startProb[j]!) + logB[j]!;
  for (let t = 1; t < n; t++) {
    for (let j = 0; j < k; j++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let i = 0; i < k; i++) {
        const v = delta[(t - 1) * k + i]! + logA[i * k + j]!;
        if (v > best) {
          best = v;
          arg = i;
        }
      }
      delta[t * k + j] = best + logB[t * k + j]!;
      back[t * k + j] = arg;
    }
  }
  const path = new Int32Array(n);
  let best = Number.NEGATIVE_INFINITY;
  let arg = 0;
  for (let j = 0; j < k; j++) {
    if (delta[(n - 1) * k + j]! > best) {
      best = delta[(n - 1) * k + j]!;
      arg = j;
    }
  }
  path[n - 1] = arg;
  for (let t = n - 1; t > 0; t--) path[t - 1] = back[t * k + path[t]!]!;
  return { path, logProbability: best };
}
