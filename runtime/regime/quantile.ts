/** Quantile with linear interpolation between order statistics (Hyndman–Fan type 7, numpy's default). */
export function quantile(values: readonly number[] | Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Finite values of `series` over bars [start, end). */
export function finiteValues(series: Float64Array, start: number, end: number): number[] {
  const out: number[] = [];
  for (let t = start; t < end; t++) {
    const v = series[t]!;
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}
