import type { OhlcvPanel } from "../contracts/panel.js";
import { annualizationOf } from "../stats/annualization.js";
import type { RuleEnvironment } from "./rule.js";

/**
 * The market a risk section is compiled for: the panel's symbols and bars per
 * year (with the spec's `backtest.periods_per_year` override, which the
 * statistics use too). The risk stage and sweep trials build it the same way.
 */
export function riskEnvironment(panel: OhlcvPanel, periodsPerYear?: number): RuleEnvironment {
  const { barsPerYear } = annualizationOf(panel.timestamps, periodsPerYear);
  return { symbols: panel.symbols, periodsPerYear: barsPerYear };
}
