import { max, mean, min, std } from "../../stats/moments.js";

/** Mean, sample standard deviation and interquartile mean of episode returns (Agarwal et al. 2021). */
export interface ScoreSummary {
  readonly n: number;
  readonly mean: number;
  readonly std: number;
  readonly iqm: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Interquartile mean: the mean of the middle 50% of sorted values, with the
 * boundary values weighted fractionally when n is not a multiple of 4
 * (scipy.stats.trim_mean semantics for n divisible by 4; rliable's IQM).
 */
export function interquartileMean(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const lo = n * 0.25;
  const hi = n * 0.75;
  let total = 0;
  for (let i = 0; i < n; i++) {
    // Weight of value i = overlap of [i, i+1) with [lo, hi).
    const w = Math.max(0, Math.min(i + 1, hi) - Math.max(i, lo));
    total += w * sorted[i]!;
  }
  return total / (hi - lo);
}

export function summarize(values: readonly number[]): ScoreSummary {
  return {
    n: values.length,
    mean: mean(values),
    // Sample standard deviation (n − 1); 0 for a single value.
    std: values.length < 2 ? 0 : std(values),
    iqm: interquartileMean(values),
    min: min(values),
    max: max(values),
  };
}
