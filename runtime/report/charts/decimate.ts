/**
 * Reduces a long series to at most `maxPoints` points for drawing while
 * keeping every bucket's first, minimum and maximum points, so peaks and
 * crashes survive (min/max decimation). Short series pass through unchanged.
 * Returns indexes into the original series, increasing.
 */
export function decimateIndexes(values: ArrayLike<number>, maxPoints: number): number[] {
  const n = values.length;
  if (n <= maxPoints || maxPoints < 4) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.floor(maxPoints / 3);
  const size = n / buckets;
  const keep: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(n, Math.floor((b + 1) * size));
    let lo = start;
    let hi = start;
    for (let i = start; i < end; i++) {
      const v = values[i]!;
      if (v < values[lo]!) lo = i;
      if (v > values[hi]!) hi = i;
    }
    const picked = [start, lo, hi].sort((a, c) => a - c);
    for (const i of picked) if (keep[keep.length - 1] !== i) keep.push(i);
  }
  if (keep[keep.length - 1] !== n - 1) keep.push(n - 1);
  return keep;
}
