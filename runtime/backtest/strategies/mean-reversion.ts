import { backtestMessages } from "../../messages/backtest.js";
import { rollingStd } from "../../stats/rolling.js";
import { sma } from "../indicators/rolling.js";
import { ruleStrategy } from "./define-strategy.js";
import { emptyWeights, type StrategyOf } from "./rule-strategy.js";

export type MeanReversionParams = StrategyOf<"mean_reversion">;

/**
 * Mean reversion: buy when the close is `entry` σ below its moving average,
 * sell when `entry` σ above (if `short`); exit once back within `exit` σ.
 * Bollinger bands are the same rule with the exit at the middle band.
 */
export const meanReversion = ruleStrategy({
  type: "mean_reversion",
  description: backtestMessages.meanReversionDescription(),
  warmup: (p) => p.window - 1,
  weights(panel, p) {
    const out = emptyWeights(panel);
    const weight = p.weight ?? 1 / panel.symbols.length;
    const exit = p.method === "bollinger" ? 0 : p.exit;
    panel.close.forEach((close, s) => {
      const mean = sma(close, p.window);
      const sd = rollingStd(close, p.window);
      const w = out[s]!;
      let state = 0;
      for (let t = 0; t < close.length; t++) {
        const z = sd[t]! > 0 ? (close[t]! - mean[t]!) / sd[t]! : Number.NaN;
        if (Number.isNaN(z)) {
          state = Number.isNaN(mean[t]!) ? 0 : state;
        } else if (state === 0) {
          if (z < -p.entry) state = 1;
          else if (z > p.entry && p.short) state = -1;
        } else if (state === 1 && z > -exit) {
          state = z > p.entry && p.short ? -1 : 0;
        } else if (state === -1 && z < exit) {
          state = z < -p.entry ? 1 : 0;
        }
        w[t] = state * weight;
      }
    });
    return out;
  },
});
