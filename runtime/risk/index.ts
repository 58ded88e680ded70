/** Public API of the risk domain (re-exported by runtime/index.ts). */
export {
  checkRiskSection,
  checkRiskSymbols,
  compileRiskSection,
  type RiskRuleSpec,
} from "./compile.js";
export {
  createRiskManager,
  type RiskManager,
  type RiskManagerState,
  type RiskStep,
} from "./manager.js";
export { annualTurnover, type ExposureSeries, exposures, turnover } from "./metrics/exposure.js";
export { type Moments, moments } from "./metrics/moments.js";
export {
  normalCdf,
  normalPdf,
  normalPpf as normalQuantile,
} from "../core/normal-distribution.js";
export { computeRiskReport, type RiskReport, type RiskReportInput } from "./metrics/risk-report.js";
export {
  priceShock,
  replayWindow,
  type StressWindow,
  volatilityShock,
  worstWindows,
} from "./metrics/stress.js";
export {
  cornishFisherVar,
  cornishFisherZ,
  gaussianVar,
  historicalVar,
  type VarEstimate,
  type VarReport,
  valueAtRisk,
} from "./metrics/value-at-risk.js";
export { createRiskRuleRegistry } from "./registry.js";
export type { RiskRule, RiskRuleFactory, RuleContext, RuleEnvironment } from "./rule.js";
export { createRiskStage, type RiskStageInput } from "./stage.js";
export type { RiskDocument, RiskStageOutput } from "./risk-document.js";
export { type RiskEventSummary, riskEventsCsv, summarizeRiskEvents } from "./events.js";
export { type EpisodeEvent, reasonKey, type RiskEpisode, riskEpisodes } from "./episodes.js";
