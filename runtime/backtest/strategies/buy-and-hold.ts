import type { RuleStrategy } from "./rule-strategy.js";
import { emptyWeights } from "./rule-strategy.js";

export interface BuyAndHoldParams {
  /** Weight per symbol (panel order); default equal weights summing to 1. */
  readonly weights?: readonly number[];
}

/** Holds fixed weights from the first bar: the benchmark for alpha and beta. */
export const buyAndHold: RuleStrategy<BuyAndHoldParams> = {
  type: "buy_and_hold",
  description: "hold fixed weights (default equal) from the first bar",
  defaults: {},
  warmup: () => 0,
  weights(panel, p) {
    const out = emptyWeights(panel);
    const n = panel.symbols.length;
    out.forEach((w, s) => {
      w.fill(p.weights?.[s] ?? 1 / n);
    });
    return out;
  },
};
