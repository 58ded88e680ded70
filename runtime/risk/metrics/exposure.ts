/** Exposure series of a weights matrix [symbol][t]. */
export interface ExposureSeries {
  readonly gross: Float64Array;
  readonly net: Float64Array;
  readonly long: Float64Array;
  readonly short: Float64Array;
}

export function exposures(weights: readonly Float64Array[]): ExposureSeries {
  const n = weights[0]?.length ?? 0;
  const gross = new Float64Array(n);
  const net = new Float64Array(n);
  const long = new Float64Array(n);
  const short = new Float64Array(n);
  for (const w of weights) {
    for (let t = 0; t < n; t++) {
      const v = w[t]!;
      gross[t] = gross[t]! + Math.abs(v);
      net[t] = net[t]! + v;
      if (v > 0) long[t] = long[t]! + v;
      else short[t] = short[t]! - v;
    }
  }
  return { gross, net, long, short };
}

/**
 * Turnover per bar: Σ_s |w_s,t − w_s,t−1| (two-sided; halve it for the
 * one-sided convention). Bar 0 counts the initial positions from cash.
 */
export function turnover(weights: readonly Float64Array[]): Float64Array {
  const n = weights[0]?.length ?? 0;
  const out = new Float64Array(n);
  for (const w of weights) {
    for (let t = 0; t < n; t++) out[t] = out[t]! + Math.abs(w[t]! - (t > 0 ? w[t - 1]! : 0));
  }
  return out;
}

/** Mean turnover per bar × bars per year. */
export function annualTurnover(perBar: Float64Array, periodsPerYear: number): number {
  if (perBar.length === 0) return 0;
  let s = 0;
  for (const v of perBar) s += v;
  return (s / perBar.length) * periodsPerYear;
}
