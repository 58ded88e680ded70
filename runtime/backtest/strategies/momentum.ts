import { backtestMessages } from "../../messages/backtest.js";
import { momentum } from "../indicators/rolling.js";
import { ruleStrategy } from "./define-strategy.js";
import { emptyWeights, type StrategyOf } from "./rule-strategy.js";

export type TsMomentumParams = StrategyOf<"ts_momentum">;

/** Time-series momentum: long when the past return is positive, short (or flat) when negative. */
export const tsMomentum = ruleStrategy({
  type: "ts_momentum",
  description: backtestMessages.momentumDescription(),
  warmup: (p) => p.lookback + p.skip,
  weights(panel, p) {
    const out = emptyWeights(panel);
    const weight = p.weight ?? 1 / panel.symbols.length;
    panel.close.forEach((close, s) => {
      const mom = momentum(close, p.lookback);
      const w = out[s]!;
      for (let t = 0; t < close.length; t++) {
        const m = t - p.skip >= 0 ? mom[t - p.skip]! : Number.NaN;
        w[t] = m > 0 ? weight : m < 0 && p.short ? -weight : 0;
      }
    });
    return out;
  },
});

export type XsMomentumParams = StrategyOf<"xs_momentum">;

/** Cross-sectional momentum: rank symbols by look-back return, hold the top (and short the bottom). */
export const xsMomentum = ruleStrategy({
  type: "xs_momentum",
  description: backtestMessages.crossSectionalMomentumDescription(),
  warmup: (p) => p.lookback + p.skip,
  weights(panel, p) {
    const n = panel.symbols.length;
    const out = emptyWeights(panel);
    const moms = panel.close.map((c) => momentum(c, p.lookback));
    const k = Math.min(p.top, p.long_short ? Math.floor(n / 2) : n);
    const order = Array.from({ length: n }, (_, s) => s);
    const bars = panel.timestamps.length;
    let lastRebalance = Number.NEGATIVE_INFINITY;
    for (let t = 0; t < bars; t++) {
      const src = t - p.skip;
      const ready = src >= 0 && moms.every((m) => !Number.isNaN(m[src]!));
      if (ready && k > 0 && t - lastRebalance >= p.rebalance_every) {
        lastRebalance = t;
        // Highest momentum first; ties by symbol index so results are deterministic.
        order.sort((a, b) => moms[b]![src]! - moms[a]![src]! || a - b);
        const gross = p.long_short ? 2 * k : k;
        for (let s = 0; s < n; s++) out[s]![t] = 0;
        for (let r = 0; r < k; r++) out[order[r]!]![t] = 1 / gross;
        if (p.long_short) for (let r = 0; r < k; r++) out[order[n - 1 - r]!]![t] = -1 / gross;
      } else if (t > 0) {
        for (let s = 0; s < n; s++) out[s]![t] = out[s]![t - 1]!;
      }
    }
    return out;
  },
});
