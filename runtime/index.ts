/**
 * The DRL Workbench runtime API: the one entry point for the CLI, notebooks
 * and the server. The spine (spec → plan → run → run folder) is exported
 * directly; each domain is a namespace (`backtest.computeStatistics`, …).
 */
export * from "./core/errors.js";
export { specDiagnostic, specError } from "./core/spec-error.js";
export { sectionLocation, specLocation, type SpecLocation } from "./core/spec-location.js";
export { createRng, hashString32, type Rng } from "./core/rng.js";
export { hashValue, sha256, stableStringify } from "./core/hash.js";
export type { BarRange, FeaturePanel, OhlcvPanel, Segments } from "./contracts/panel.js";
export type { RunContext, RunInfo, Stage, StageKind } from "./core/stage.js";
export { STAGE_KINDS } from "./core/stage.js";
export {
  type CompileContext,
  compilePlan,
  type StageFactories,
  type StageFactory,
} from "./core/compile-plan.js";
export { defaultStageFactories } from "./run/default-stages.js";
export { describePlan, formatPlan, type Plan, type PlanDescription } from "./core/plan.js";
export { executePlan, type RunEvent, type RunResult } from "./run/execute.js";
export {
  compileSpecFile,
  type CompiledSpec,
  runSpec,
  type RunSpecOptions,
} from "./run/run-spec.js";
export {
  type CorruptRunDetails,
  type CorruptRunSummary,
  isCorrupt,
  listRuns,
  type RunDetails,
  type RunFileProblem,
  type RunListing,
  type RunSummary,
  resolveRunDir,
  showRun,
} from "./run/runs.js";
export type { RunRecord, RunStatus } from "./run/run-record.js";
export { formatDiagnostics, loadSpec, specHash, validateSpecFile } from "./spec/index.js";
export {
  cliSpecPolicy,
  parseSpecPolicy,
  type SpecPolicy,
  type WorkspaceRoots,
} from "./spec/spec-policy.js";
export { messages } from "./messages/index.js";
export { ModelRegistry } from "./registry/index.js";
export { createAgentPredictorLoader } from "./serving/agent-predictor.js";
export {
  type CoreStatistics,
  computeCoreStatistics,
  computeStatistics,
  type StatisticKey,
  type StatisticLabel,
  type Statistics,
  type StatisticsInput,
  type PreferredDirection,
  type StatisticUnit,
  statisticKeys,
  statLabels,
  statPreferredDirection,
} from "./backtest/stats/index.js";
export type { Prediction, Predictor, PredictorLoader } from "./serving/predictor.js";

export * as agents from "./agents/index.js";
export * as backtest from "./backtest/index.js";
export * as data from "./data/index.js";
export * as regime from "./regime/index.js";
export * as registry from "./registry/index.js";
export * as report from "./report/index.js";
export * as risk from "./risk/index.js";
export * as stats from "./stats/index.js";
export * as store from "./store/index.js";
