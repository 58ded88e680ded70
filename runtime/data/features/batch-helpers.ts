import type { FeatureSpec } from "./feature-types.js";

/** One symbol's bars as typed arrays (the input of a feature's batch kernel). */
export interface SeriesBars {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /**
   * Rolling statistics already computed for these bars within one
   * computeFeatures call (SMA, Bollinger and z-score share their window mean
   * and std), keyed by column, statistic and window.
   */
  readonly memo?: Map<string, Float64Array>;
}

function memoized(bars: SeriesBars, key: string, compute: () => Float64Array): Float64Array {
  const hit = bars.memo?.get(key);
  if (hit) return hit;
  const value = compute();
  bars.memo?.set(key, value);
  return value;
}

/** windowMean of the spec's input column, shared between features of one call (do not mutate). */
export function columnMean(bars: SeriesBars, spec: FeatureSpec, n: number): Float64Array {
  return memoized(bars, `${spec.column ?? "close"}:mean:${n}`, () =>
    windowMean(inputOf(bars, spec), n),
  );
}

/** Population std (ddof 0) of the spec's input column, shared like columnMean (do not mutate). */
export function columnPopulationStd(bars: SeriesBars, spec: FeatureSpec, n: number): Float64Array {
  return memoized(bars, `${spec.column ?? "close"}:pstd:${n}`, () =>
    windowStd(inputOf(bars, spec), n, 0, columnMean(bars, spec, n)),
  );
}

/** The spec's input column (default close). */
export function inputOf(bars: SeriesBars, spec: FeatureSpec): Float64Array {
  return bars[(spec.column ?? "close") as "open" | "high" | "low" | "close" | "volume"];
}

/**
 * An output array of length n whose first `warmUp` values are NaN (the
 * caller writes the rest; filling only the prefix saves a pass over memory).
 */
export function nanArray(n: number, warmUp = n): Float64Array {
  return new Float64Array(n).fill(Number.NaN, 0, Math.min(warmUp, n));
}

/**
 * Mean of x[t−n+1 .. t] for every full window (NaN before): a compensated
 * (Neumaier) running sum of the finite values, so the error stays at rounding
 * of the window sum however long the series; a window holding NaN or
 * ±Infinity is summed afresh, so a NaN gives NaN and leaves no trace once it
 * has left the window.
 */
export function windowMean(x: Float64Array, n: number): Float64Array {
  const out = nanArray(x.length, n - 1);
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
    if (t >= n) {
      const old = x[t - n]!;
      if (Number.isFinite(old)) add(-old);
      else nonFinite--;
    }
    if (t < n - 1) continue;
    if (nonFinite === 0) {
      out[t] = (sum + comp) / n;
      continue;
    }
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
  const out = nanArray(x.length, n - 1);
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
  const out = nanArray(x.length, from);
  if (from >= x.length) return out;
  let y = x[from]!;
  out[from] = y;
  for (let t = from + 1; t < x.length; t++) {
    y = (1 - alpha) * y + alpha * x[t]!;
    out[t] = y;
  }
  return out;
}
