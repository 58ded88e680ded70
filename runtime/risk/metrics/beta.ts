/**
 * Rolling beta of `asset` returns against `benchmark` returns:
 * cov(a, b) / var(b) over the last `window` bars ending at t (data ≤ t).
 * NaN until `window` finite pairs exist.
 */
export function rollingBeta(
  asset: Float64Array,
  benchmark: Float64Array,
  window: number,
): Float64Array {
  const n = asset.length;
  const out = new Float64Array(n).fill(Number.NaN);
  for (let t = window - 1; t < n; t++) {
    let sa = 0;
    let sb = 0;
    let ok = true;
    for (let k = t - window + 1; k <= t; k++) {
      if (!Number.isFinite(asset[k]!) || !Number.isFinite(benchmark[k]!)) {
        ok = false;
        break;
      }
      sa += asset[k]!;
      sb += benchmark[k]!;
    }
    if (!ok) continue;
    const ma = sa / window;
    const mb = sb / window;
    let cov = 0;
    let varB = 0;
    for (let k = t - window + 1; k <= t; k++) {
      const db = benchmark[k]! - mb;
      cov += (asset[k]! - ma) * db;
      varB += db * db;
    }
    out[t] = varB > 0 ? cov / varB : Number.NaN;
  }
  return out;
}
