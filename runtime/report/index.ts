/** Public API of reports: tear sheets, charts, comparison, PDF, KPIs, notifications, the report stage. */
export * from "./charts/index.js";
export { CHROMIUM_FLAGS, findChromium, type LaunchedBrowser, launchChromium } from "./browser.js";
export { type ComparedRun, type ComparisonOptions, renderComparison } from "./comparison.js";
export {
  type ComparisonMetricRow,
  type ComparisonMetrics,
  comparisonMetrics,
} from "./comparison-metrics.js";
export { formatDate, formatDuration, formatValue } from "./format.js";
export {
  AGENT_EVALUATION_FILE,
  type AgentEvaluationSummary,
  agentEvaluationSummary,
  readAgentEvaluation,
} from "./inputs/agent-evaluation-file.js";
export { assembleTearSheetInput, type TearSheetParts } from "./inputs/assemble.js";
export { readRiskRuleTypes, RISK_DOCUMENT_FILE } from "./inputs/risk-rules-file.js";
export {
  type BacktestRiskReports,
  backtestRiskReports,
  type RiskReportSource,
  riskReportSourceOf,
  riskReportsJson,
  scenarioRows,
} from "./inputs/scenarios.js";
export { type VerdictParts, verdictSection } from "./inputs/verdict.js";
export {
  STATISTIC_GROUP_OF,
  STATISTIC_GROUPS,
  type StatisticGroup,
  statisticGroupTitle,
} from "./statistic-groups.js";
export { asBacktestReportView, type BacktestReportView } from "./inputs/backtest-view.js";
export { returnCorrelations } from "./inputs/correlation.js";
export { provenanceFromRunFolder } from "./inputs/provenance.js";
export { qualitySummary } from "./inputs/quality.js";
export { type RegimeLabels, regimeOverPrice } from "./inputs/regimes.js";
export { type PerformanceSeries, performanceSeries } from "./inputs/series.js";
export { backtestOutcomeView } from "./inputs/backtest-outcome.js";
export { trainingCurvesFromJsonl } from "./inputs/training.js";
export { type KpiDefinition, evaluateKpis, kpiMetrics } from "./kpi/evaluate.js";
export { type Expr, evaluateExpression, parseExpression } from "./kpi/expression.js";
export type { Notification } from "./notifications/notification.js";
export { type DeliveryResult, notify } from "./notifications/notify.js";
export { resolveSecret } from "./notifications/secret.js";
export { type PdfOptions, renderPdf } from "./pdf.js";
export { loadRunTearSheet, TEAR_SHEET_FILE } from "./run-folder.js";
export { REPORT_SECTIONS, type ReportSectionName } from "./section-names.js";
export { tearSheetFromJson, tearSheetToJson } from "./serialize.js";
export { createReportStage, type ReportStageOutput } from "./stage.js";
export { statisticFormat, statisticRows } from "./statistic-rows.js";
export { isSweepFolder, loadSweepFolder } from "./sweep/load-sweep-folder.js";
export { renderSweepReport, type SweepReportOptions } from "./sweep/render-sweep-report.js";
export type * from "./sweep/sweep-report-input.js";
export {
  SWEEP_REPORT_FILE,
  type WriteSweepReportOptions,
  type WrittenSweepReport,
  writeSweepReport,
} from "./sweep/write-sweep-report.js";
export type * from "./tear-sheet-input.js";
export { buildTearSheetSections, renderTearSheet, type TearSheetOptions } from "./tear-sheet.js";
export { loadReportTemplates, type ReportTemplates } from "./templates.js";
