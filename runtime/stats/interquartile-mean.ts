/**
 * Interquartile mean (IQM, Agarwal et al. 2021, "Deep Reinforcement Learning
 * at the Edge of the Statistical Precipice"): the mean of the middle 50 % of
 * the sorted values. When n is not a multiple of 4 the values straddling the
 * 25th and 75th percentile positions count with the fraction of them that
 * lies inside [n/4, 3n/4) (rliable's IQM; scipy.stats.trim_mean(x, 0.25) when
 * n is a multiple of 4). NaN for no values.
 */
export function interquartileMean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Array.from(values).sort((a, b) => a - b);
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
