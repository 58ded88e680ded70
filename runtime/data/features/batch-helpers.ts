import type { FeatureSpec } from "./feature-types.js";

/** One symbol's bars as typed arrays (the input of a feature's batch kernel). */
export interface SeriesBars {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** The spec's input column (default close). */
export function inputOf(bars: SeriesBars, spec: FeatureSpec): Float64Array {
  return bars[(spec.column ?? "close") as keyof SeriesBars];
}

/** A NaN-filled output array of length n. */
export function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(Number.NaN);
}

/**
 * Mean of x[t−n+1 .. t] for every full window (NaN before): the window is
 * summed afresh at each bar, so a NaN leaves no trace once it has left the window.
 */
export function windowMean(x: Float64Array, n: number): Float64Array {
  const out = nanArray(x.length);
  for (let t = n - 1; t < x.length; t++) {
    let s = 0;
    for (let k = t - n + 1; k <= t; k++) s += x[k]!;
    out[t] = s / n;
  }
  return out;
}

/**
 * Standard deviation (divisor n − ddof) of every full window around its
 * `mean` (two passes); exactly 0 for a constant window, as polars gives (the
 * rounded mean of equal values may differ from them in the last bit).
 */
export function windowStd(
  x: Float64Array,
  n: number,
  ddof: number,
  mean: Float64Array,
): Float64Array {
  const out = nanArray(x.length);
  for (let t = n - 1; t < x.length; t++) {
    const m = mean[t]!;
    const last = x[t]!;
    let s = 0;
    let constant = true;
    for (let k = t - n + 1; k <= t; k++) {
      const v = x[k]!;
      const d = v - m;
      s += d * d;
      if (v !== last) constant = false;
    }
    out[t] = constant ? 0 : Math.sqrt(s / (n - ddof));
  }
  return out;
}

/**
 * EMA seeded with the first input (factor alpha) over x[from ..]; values
 * before `from` are NaN (the EmaState of incremental-helpers over an array).
 */
export function emaArray(x: Float64Array, alpha: number, from = 0): Float64Array {
  const out = nanArray(x.length);
  if (from >= x.length) return out;
  let y = x[from]!;
  out[from] = y;
  for (let t = from + 1; t < x.length; t++) {
    y = (1 - alpha) * y + alpha * x[t]!;
    out[t] = y;
  }
  return out;
}

/**
 * Wilder smoothing of x[from ..] seeded with the mean of its first n values
 * (first output at from + n − 1), then y = y + (x − y) / n (WilderSmoother).
 */
export function wilderArray(x: Float64Array, n: number, from: number): Float64Array {
  const out = nanArray(x.length);
  const seed = from + n - 1;
  if (seed >= x.length) return out;
  let s = 0;
  for (let t = from; t <= seed; t++) s += x[t]!;
  let y = s / n;
  out[seed] = y;
  for (let t = seed + 1; t < x.length; t++) {
    y = y + (x[t]! - y) / n;
    out[t] = y;
  }
  return out;
}
