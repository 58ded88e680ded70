/**
 * Causal realized volatility: at bar t, the sample standard deviation of the
 * last `window` log returns ln(close[k]/close[k−1]) for k ≤ t, annualized by
 * √periodsPerYear. NaN until `window` returns exist. Computed two-pass per
 * window (O(window) per bar), which keeps it exact for near-constant prices.
 */
export function realizedVolatility(
  close: Float64Array,
  window: number,
  periodsPerYear: number,
): Float64Array {
  const n = close.length;
  const out = new Float64Array(n).fill(Number.NaN);
  if (window < 2) throw new RangeError(`realized volatility window must be >= 2, got ${window}`);
  const r = new Float64Array(n);
  for (let t = 1; t < n; t++) r[t] = Math.log(close[t]! / close[t - 1]!);
  const scale = Math.sqrt(periodsPerYear);
  for (let t = window; t < n; t++) {
    let sum = 0;
    for (let k = t - window + 1; k <= t; k++) sum += r[k]!;
    const mean = sum / window;
    let ss = 0;
    for (let k = t - window + 1; k <= t; k++) ss += (r[k]! - mean) ** 2;
    out[t] = Math.sqrt(ss / (window - 1)) * scale;
  }
  return out;
}

/** The modelled implied volatility per bar: constant, or realized plus a premium (floored at 0). */
export function modelVolatility(
  close: Float64Array,
  spec: number | { window: number; premium: number; periods_per_year: number },
): Float64Array {
  if (typeof spec === "number") return new Float64Array(close.length).fill(spec);
  const realized = realizedVolatility(close, spec.window, spec.periods_per_year);
  for (let t = 0; t < realized.length; t++) {
    const v = realized[t]!;
    if (!Number.isNaN(v)) realized[t] = Math.max(0, v + spec.premium);
  }
  return realized;
}
