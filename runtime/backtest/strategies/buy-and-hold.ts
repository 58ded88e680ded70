import { backtestMessages } from "../../messages/backtest.js";
import { ruleStrategy } from "./define-strategy.js";
import { emptyWeights } from "./rule-strategy.js";

/** Holds fixed weights from the first bar: the benchmark for alpha and beta. */
export const buyAndHold = ruleStrategy({
  type: "buy_and_hold",
  description: backtestMessages.buyAndHoldDescription(),
  warmup: () => 0,
  weights(panel, p) {
    const out = emptyWeights(panel);
    const n = panel.symbols.length;
    out.forEach((w, s) => {
      w.fill(p.weights?.[s] ?? 1 / n);
    });
    return out;
  },
});
