import type { OhlcvPanel } from "../contracts/panel.js";
import { riskMessages as m } from "../messages/risk.js";
import { sectionLocation, type SpecLocation } from "../core/spec-location.js";
import { outputFields, type Stage } from "../core/stage.js";
import type { RiskSpec } from "../spec/types.generated.js";
import { checkRiskSection, compileRiskSection, throwIfErrors } from "./compile.js";
import { riskEnvironment } from "./environment.js";
import type { RiskDocument, RiskStageOutput } from "./risk-document.js";

/** The slice of the data stage's MarketDataset the risk stage reads. */
export interface RiskStageInput {
  readonly data: { readonly panel: OhlcvPanel };
}

/**
 * The risk stage: checks the section when the plan is compiled (so bad limits
 * fail before anything runs), then builds the RiskManager — a TargetOverlay
 * the backtest applies bar by bar — for the data's symbols and bar frequency,
 * and writes risk.json describing the rules (the `document` a registered model
 * carries, so the server applies the same rules).
 */
export function createRiskStage(
  section: RiskSpec,
  loc: SpecLocation = sectionLocation("risk"),
  options: {
    /** The spec's `backtest.periods_per_year` override, which the statistics use too. */
    readonly periodsPerYear?: number;
  } = {},
): Stage<"risk", "data", never> {
  throwIfErrors(checkRiskSection(section, loc));
  return {
    kind: "risk",
    type: section.rules.map((r) => r.type).join("+") || "none",
    inputs: ["data"],
    config: section,
    produces: outputFields<RiskStageOutput>({ overlay: true, document: true }),
    reads: { data: ["panel"] },
    records: ["document"],
    async run(ctx, input) {
      const { panel } = input.data;
      const env = riskEnvironment(panel, options.periodsPerYear);
      const manager = compileRiskSection(section, env, loc);
      const document: RiskDocument = {
        rules: section.rules,
        symbols: env.symbols,
        periodsPerYear: env.periodsPerYear,
        initialState: manager.initialState(),
      };
      ctx.artifacts.writeJson("risk.json", document);
      ctx.logger.log("info", m.riskSummary(manager.rules.map((r) => r.name)));
      return { overlay: manager, document };
    },
  };
}
