/**
 * Bars per year inferred from the median spacing of the timestamps: daily
 * bars (weekends skipped) → 252, weekly → 52, monthly → 12, intraday bars →
 * 252 trading days × bars per day (hourly → 252 × 24 for 24-hour markets).
 */
export function inferPeriodsPerYear(timestamps: Float64Array): number {
  if (timestamps.length < 2) return 252;
  const gaps: number[] = [];
  for (let t = 1; t < timestamps.length; t++) gaps.push(timestamps[t]! - timestamps[t - 1]!);
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)]!;
  const day = 86_400_000;
  if (median >= 25 * day) return 12;
  if (median >= 5 * day) return 52;
  if (median >= 0.9 * day) return 252;
  return Math.round(252 * (day / median));
}
