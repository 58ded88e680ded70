import type { Rng } from "../../core/rng.js";

/** Log-softmax of `logits[0..n)` into `out`. */
export function logSoftmax(logits: ArrayLike<number>, n: number, out: Float64Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (logits[i]! > max) max = logits[i]!;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(logits[i]! - max);
  const lse = max + Math.log(sum);
  for (let i = 0; i < n; i++) out[i] = logits[i]! - lse;
  return out;
}

export function argmax(values: ArrayLike<number>, n: number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Samples an index from log-probabilities by inverse CDF with one uniform draw. */
export function sampleCategorical(logProbs: ArrayLike<number>, n: number, rng: Rng): number {
  const u = rng.next();
  let cumulative = 0;
  for (let i = 0; i < n; i++) {
    cumulative += Math.exp(logProbs[i]!);
    if (u < cumulative) return i;
  }
  return n - 1;
}

/** log N(x; μ, σ) summed over dimensions, σ = exp(logStd). */
export function gaussianLogProb(
  x: ArrayLike<number>,
  mean: ArrayLike<number>,
  logStd: ArrayLike<number>,
  n: number,
): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const z = (x[i]! - mean[i]!) / Math.exp(logStd[i]!);
    total += -0.5 * z * z - logStd[i]! - 0.5 * Math.log(2 * Math.PI);
  }
  return total;
}
