/** Mean, sample standard deviation and interquartile mean of episode returns (Agarwal et al. 2021). */
export interface ScoreSummary {
  readonly n: number;
  readonly mean: number;
  readonly std: number;
  readonly iqm: number;
  readonly min: number;
  readonly max: number;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Sample standard deviation (n − 1); 0 for a single value. */
export function std(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
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
    std: std(values),
    iqm: interquartileMean(values),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}
