import type { OhlcvPanel } from "../data/panel.js";
import { riskMessages as m } from "../messages/risk.js";
import type { Stage } from "../core/stage.js";
import { inferPeriodsPerYear } from "../regime/annualization.js";
import {
  checkRiskSection,
  compileRiskSection,
  type RiskSection,
  type RiskSpecLocation,
  throwIfErrors,
} from "./compile.js";
import type { RiskManager } from "./manager.js";

/** The slice of the data stage's MarketDataset the risk stage reads. */
export interface RiskStageInput {
  readonly data: { readonly panel: OhlcvPanel };
}

/**
 * The risk stage: checks the section when the plan is compiled (so bad limits
 * fail before anything runs), then builds the RiskManager — a TargetOverlay
 * the backtest applies bar by bar — for the data's symbols and bar frequency,
 * and writes risk.json describing the rules.
 */
export function createRiskStage(
  section: RiskSection,
  location: RiskSpecLocation = {},
): Stage<RiskStageInput, RiskManager> {
  throwIfErrors(checkRiskSection(section, location));
  return {
    kind: "risk",
    type: section.rules.map((r) => r.type).join("+") || "none",
    inputs: ["data"],
    config: section,
    async run(ctx, input) {
      const { panel } = input.data;
      const env = { symbols: panel.symbols, periodsPerYear: inferPeriodsPerYear(panel.timestamps) };
      const manager = compileRiskSection(section, env, location);
      ctx.artifacts.writeJson("risk.json", {
        rules: section.rules,
        symbols: env.symbols,
        periodsPerYear: env.periodsPerYear,
        initialState: manager.initialState(),
      });
      ctx.logger.log("info", m.riskSummary(manager.rules.map((r) => r.name)));
      return manager;
    },
  };
}
