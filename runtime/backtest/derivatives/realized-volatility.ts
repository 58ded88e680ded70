import { logReturns } from "../../stats/returns.js";
import { rollingStd } from "../../stats/rolling.js";

/**
 * Causal realized volatility: at bar t, the sample standard deviation of the
 * last `window` log returns ln(close[k]/close[k−1]) for k ≤ t, annualized by
 * √periodsPerYear. NaN until `window` returns exist.
 */
export function realizedVolatility(
  close: Float64Array,
  window: number,
  periodsPerYear: number,
): Float64Array {
  // sd[j] covers the returns ending at bar j + 1.
  const sd = rollingStd(logReturns(close), window);
  const out = new Float64Array(close.length).fill(Number.NaN);
  const scale = Math.sqrt(periodsPerYear);
  for (let t = window; t < close.length; t++) out[t] = sd[t - 1]! * scale;
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
