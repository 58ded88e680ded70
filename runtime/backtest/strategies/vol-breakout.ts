import { backtestMessages } from "../../messages/backtest.js";
import { rollingStd } from "../../stats/rolling.js";
import { sma } from "../indicators/rolling.js";
import { ruleStrategy } from "./define-strategy.js";
import { emptyWeights, type StrategyOf } from "./rule-strategy.js";

export type VolBreakoutParams = StrategyOf<"vol_breakout">;

/**
 * Volatility breakout: go long when the close breaks above the band
 * SMA + multiplier·σ of the PREVIOUS `window` closes (short below SMA −
 * multiplier·σ if `short`); exit when the close crosses back over the SMA.
 */
export const volBreakout = ruleStrategy({
  type: "vol_breakout",
  description: backtestMessages.volBreakoutDescription(),
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
});
