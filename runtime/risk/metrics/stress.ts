import { cornishFisherVar, gaussianVar, type VarEstimate } from "./value-at-risk.js";
import { moments } from "./moments.js";

/** A historical window [start, end] of bars (inclusive of the return at `end`). */
export interface StressWindow {
  readonly start: number;
  readonly end: number;
  /** Compounded return over the window. */
  readonly return: number;
}

/**
 * The `count` worst non-overlapping windows of `window` bars by compounded
 * return (worst first).
 */
export function worstWindows(returns: Float64Array, window: number, count: number): StressWindow[] {
  const n = returns.length;
  const candidates: StressWindow[] = [];
  for (let end = window; end < n; end++) {
    let g = 1;
    let ok = true;
    for (let t = end - window + 1; t <= end; t++) {
      const r = returns[t]!;
      if (!Number.isFinite(r)) {
        ok = false;
        break;
      }
      g *= 1 + r;
    }
    if (ok) candidates.push({ start: end - window + 1, end, return: g - 1 });
  }
  candidates.sort((a, b) => a.return - b.return || a.start - b.start);
  const chosen: StressWindow[] = [];
  for (const c of candidates) {
    if (chosen.length >= count) break;
    if (chosen.every((w) => c.end < w.start || c.start > w.end)) chosen.push(c);
  }
  return chosen;
}

/**
 * Replays a historical window on today's weights: each asset's compounded
 * return over the window times its weight (positions held through the window).
 */
export function replayWindow(
  weights: Float64Array,
  closes: readonly Float64Array[],
  window: StressWindow,
): number {
  let pnl = 0;
  weights.forEach((w, i) => {
    const c = closes[i]!;
    pnl += w * (c[window.end]! / c[window.start - 1]! - 1);
  });
  return pnl;
}

/** Instant price shock: portfolio return of per-asset price moves (e.g. −0.2 = −20%). */
export function priceShock(weights: Float64Array, shocks: number | readonly number[]): number {
  let r = 0;
  weights.forEach((w, i) => {
    r += w * (typeof shocks === "number" ? shocks : (shocks[i] ?? 0));
  });
  return r;
}

export interface VolatilityShockResult {
  readonly factor: number;
  readonly gaussian: VarEstimate;
  readonly cornishFisher: VarEstimate;
}

/** VaR/CVaR with the return volatility multiplied by `factor` (mean and shape kept). */
export function volatilityShock(
  returns: Float64Array,
  factor: number,
  alpha: number,
): VolatilityShockResult {
  const m = moments(returns);
  return {
    factor,
    gaussian: gaussianVar(m.mean, m.std * factor, alpha),
    cornishFisher: cornishFisherVar(m.mean, m.std * factor, m.skewness, m.excessKurtosis, alpha),
  };
}
