import { rollingStd, sma } from "../indicators/rolling.js";
import type { RuleStrategy } from "./rule-strategy.js";
import { emptyWeights } from "./rule-strategy.js";

export interface VolBreakoutParams {
  readonly window: number;
  /** Band half-width in σ of closes over the window. */
  readonly multiplier: number;
  readonly short: boolean;
  readonly weight?: number;
}

/**
 * Volatility breakout: go long when the close breaks above the band
 * SMA + multiplier·σ of the PREVIOUS `window` closes (short below SMA −
 * multiplier·σ if `short`); exit when the close crosses back over the SMA.
 */
export const volBreakout: RuleStrategy<VolBreakoutParams> = {
  type: "vol_breakout",
  description:
    "enter on a close beyond the volatility band of the previous window; exit at the mean",
  defaults: { window: 20, multiplier: 2, short: false },
  warmup: (p) => p.window,
  weights(panel, p) {
    const out = emptyWeights(panel);
    const weight = p.weight ?? 1 / panel.symbols.length;
    panel.close.forEach((close, s) => {
      const mean = sma(close, p.window);
      const sd = rollingStd(close, p.window);
      const w = out[s]!;
      let state = 0;
      for (let t = 1; t < close.length; t++) {
        const m = mean[t - 1]!;
        const band = p.multiplier * sd[t - 1]!;
        const c = close[t]!;
        if (Number.isNaN(m) || Number.isNaN(band)) {
          state = 0;
        } else if (c > m + band) {
          state = 1;
        } else if (c < m - band && p.short) {
          state = -1;
        } else if ((state === 1 && c < m) || (state === -1 && c > m)) {
          state = 0;
        }
        w[t] = state * weight;
      }
    });
    return out;
  },
};
