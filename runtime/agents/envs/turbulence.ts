import { turbulenceIndex as turbulenceOf } from "../../stats/turbulence.js";

/**
 * FinRL's turbulence series for the trading environments: the turbulence
 * index of runtime/stats/turbulence (Kritzman & Li 2010; pseudo-inverse when
 * the covariance is singular) over the previous `window` days, starting as
 * soon as max(assets + 2, 20) returns exist (the covariance grows to
 * `window` returns), and 0 — not NaN — during warm-up, as FinRL's
 * environments expect. Uses data up to t only.
 */
export function turbulenceIndex(closes: readonly Float64Array[], window = 252): Float64Array {
  const out = turbulenceOf(closes, { window, minHistory: Math.max(closes.length + 2, 20) });
  for (let t = 0; t < out.length; t++) if (Number.isNaN(out[t]!)) out[t] = 0;
  return out;
}
