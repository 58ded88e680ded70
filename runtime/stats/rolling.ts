/**
 * Causal rolling-window statistics on typed arrays: output t uses the
 * `window` inputs ending at t (inputs ≤ t only); the first `window − 1`
 * outputs are NaN (pandas' `rolling(window)` shape).
 *
 * Sums are compensated (Kahan–Neumaier) running sums, so the error stays at
 * the rounding of one window's sum however long the series; a window that
 * holds NaN or ±Infinity is summed afresh, so it gives NaN (or ±Infinity)
 * and leaves no trace once it has left the window. Standard deviations take
 * two passes around the window mean, with divisor window − ddof.
 */
import { statsMessages } from "../messages/stats.js";
import { covariance, variance } from "./moments.js";

/** An output of length n whose first `warmUp` values are NaN (the rest is written by the caller). */
export function nanArray(n: number, warmUp = n): Float64Array {
  return new Float64Array(n).fill(Number.NaN, 0, Math.min(warmUp, n));
}

function checkWindow(window: number, least: number): void {
  if (!(Number.isInteger(window) && window >= least)) {
    throw new RangeError(statsMessages.windowSize(window, least));
  }
}

/** Sum of x[t−window+1 .. t] for every full window (NaN before). */
export function rollingSum(
  x: ArrayLike<number>,
  window: number,
  out: Float64Array = nanArray(x.length, window - 1),
): Float64Array {
  checkWindow(window, 1);
  let sum = 0;
  let comp = 0;
  let nonFinite = 0;
  const add = (v: number): void => {
    const t = sum + v;
    comp += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  };
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (Number.isFinite(v)) add(v);
    else nonFinite++;
    if (t >= window) {
      const old = x[t - window]!;
      if (Number.isFinite(old)) add(-old);
      else nonFinite--;
    }
    if (t < window - 1) {
      out[t] = Number.NaN;
      continue;
    }
    if (nonFinite === 0) {
      out[t] = sum + comp;
      continue;
    }
    let s = 0;
    for (let k = t - window + 1; k <= t; k++) s += x[k]!;
    out[t] = s;
  }
  return out;
}

/** Mean of x[t−window+1 .. t] for every full window (NaN before). */
export function rollingMean(
  x: ArrayLike<number>,
  window: number,
  out: Float64Array = nanArray(x.length, window - 1),
): Float64Array {
  rollingSum(x, window, out);
  for (let t = window - 1; t < x.length; t++) out[t] = out[t]! / window;
  return out;
}

/**
 * Standard deviation (divisor window − ddof; 1 = sample, 0 = population) of
 * every full window around its `mean` (default: `rollingMean`), two passes;
 * exactly 0 for a constant window (the rounded mean of equal values may
 * differ from them in the last bit).
 */
export function rollingStd(
  x: ArrayLike<number>,
  window: number,
  ddof = 1,
  mean: ArrayLike<number> = rollingMean(x, window),
): Float64Array {
  checkWindow(window, ddof + 1);
  const out = nanArray(x.length, window - 1);
  for (let t = window - 1; t < x.length; t++) {
    const m = mean[t]!;
    const last = x[t]!;
    let s = 0;
    let constant = true;
    for (let k = t - window + 1; k <= t; k++) {
      const v = x[k]!;
      const d = v - m;
      s += d * d;
      if (v !== last) constant = false;
    }
    out[t] = constant ? 0 : Math.sqrt(s / (window - ddof));
  }
  return out;
}

/**
 * `fn(from, to)` over every full window [t − window + 1, t + 1) of a series
 * of length n (NaN before the first); window ≥ 2.
 */
export function rollingApply(
  n: number,
  window: number,
  fn: (from: number, to: number) => number,
): Float64Array {
  checkWindow(window, 2);
  const out = nanArray(n, window - 1);
  for (let t = window - 1; t < n; t++) out[t] = fn(t - window + 1, t + 1);
  return out;
}

function allFinite(a: ArrayLike<number>, b: ArrayLike<number>, from: number, to: number): boolean {
  for (let k = from; k < to; k++)
    if (!Number.isFinite(a[k]!) || !Number.isFinite(b[k]!)) return false;
  return true;
}

/**
 * Rolling beta of `returns` on `benchmark` returns: cov(r, b) / var(b)
 * (sample moments) over the `window` pairs ending at t. NaN until the first
 * full window, where the window holds a non-finite value, and where the
 * benchmark does not vary.
 */
export function rollingBeta(
  returns: ArrayLike<number>,
  benchmark: ArrayLike<number>,
  window: number,
): Float64Array {
  if (benchmark.length !== returns.length)
    throw new RangeError(statsMessages.benchmarkLength(benchmark.length, returns.length));
  const r = Float64Array.from(returns);
  const b = Float64Array.from(benchmark);
  return rollingApply(r.length, window, (from, to) => {
    if (!allFinite(r, b, from, to)) return Number.NaN;
    const varB = variance(b.subarray(from, to));
    return varB > 0 ? covariance(r.subarray(from, to), b.subarray(from, to)) / varB : Number.NaN;
  });
}
