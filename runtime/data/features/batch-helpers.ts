import { nanArray, rollingMean, rollingStd } from "../../stats/rolling.js";
import type { InputColumn } from "./feature-types.js";

/** A feature spec that reads one bar column. */
type ReadsColumn = { readonly column: InputColumn };

export { nanArray };

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

/** rollingMean of the spec's input column, shared between features of one call (do not mutate). */
export function columnMean(bars: SeriesBars, spec: ReadsColumn, n: number): Float64Array {
  return memoized(bars, `${spec.column}:mean:${n}`, () => rollingMean(inputOf(bars, spec), n));
}

/** Population std (ddof 0) of the spec's input column, shared like columnMean (do not mutate). */
export function columnPopulationStd(bars: SeriesBars, spec: ReadsColumn, n: number): Float64Array {
  return memoized(bars, `${spec.column}:pstd:${n}`, () =>
    rollingStd(inputOf(bars, spec), n, 0, columnMean(bars, spec, n)),
  );
}

/** The spec's input column. */
export function inputOf(bars: SeriesBars, spec: ReadsColumn): Float64Array {
  return bars[spec.column];
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
