import type { BarRange, OhlcvPanel } from "../../data/panel.js";
import type { TradingCosts } from "../envs/trading-costs.js";

export interface WeightsEquity {
  /** Equity at each bar of the range (first = initial cash). */
  readonly equity: Float64Array;
  /** Sum of |weight| held over each bar (exposure). */
  readonly exposure: Float64Array;
  readonly commissions: number;
}

/**
 * Close-to-close simulation of target weights, with the same mechanics as the
 * trading environments: weights decided at bar t are set at t's close (paying
 * costs on the change from the drifted weights) and held over t → t+1.
 */
export function simulateWeights(
  panel: OhlcvPanel,
  weights: readonly Float64Array[],
  range: BarRange,
  costs: TradingCosts,
  initialCash = 10_000,
): WeightsEquity {
  const n = range.end - range.start;
  const S = panel.symbols.length;
  const equity = new Float64Array(n);
  const exposure = new Float64Array(n);
  const held = new Float64Array(S);
  let value = initialCash;
  let commissions = 0;
  equity[0] = value;
  for (let i = 0; i < n - 1; i++) {
    const t = range.start + i;
    let cost = 0;
    let gross = 0;
    let expo = 0;
    for (let s = 0; s < S; s++) {
      const w = weights[s]![t]!;
      const target = Number.isFinite(w) ? w : 0;
      const price = panel.close[s]![t]!;
      const delta = target - held[s]!;
      if (delta !== 0) cost += costs.cost(s, t, (delta * value) / price, price);
      const r = panel.close[s]![t + 1]! / price - 1;
      gross += target * r;
      held[s] = target * (1 + r);
      expo += Math.abs(target);
    }
    commissions += cost;
    const next = value * (1 + gross) - cost;
    const growth = value > 0 ? next / value : 0;
    for (let s = 0; s < S; s++) held[s] = growth !== 0 ? held[s]! / growth : 0;
    value = next;
    equity[i + 1] = value;
    exposure[i] = expo;
  }
  return { equity, exposure, commissions };
}

/** Buy-and-hold baseline weights: equal weight in every symbol from `start`. */
export function buyAndHoldWeights(panel: OhlcvPanel): Float64Array[] {
  const S = panel.symbols.length;
  return panel.close.map((c) => new Float64Array(c.length).fill(1 / S));
}

/**
 * SMA crossover baseline: long (equal weight) when the `fast`-bar mean of
 * closes up to t is above the `slow`-bar mean, flat otherwise; 0 in warm-up.
 */
export function smaCrossoverWeights(panel: OhlcvPanel, fast: number, slow: number): Float64Array[] {
  const S = panel.symbols.length;
  return panel.close.map((c) => {
    const out = new Float64Array(c.length);
    let sumFast = 0;
    let sumSlow = 0;
    for (let t = 0; t < c.length; t++) {
      sumFast += c[t]!;
      sumSlow += c[t]!;
      if (t >= fast) sumFast -= c[t - fast]!;
      if (t >= slow) sumSlow -= c[t - slow]!;
      if (t >= slow - 1) out[t] = sumFast / fast > sumSlow / slow ? 1 / S : 0;
    }
    return out;
  });
}
