/**
 * The tracking store: runs index, studies and trials, prediction log, trading
 * records, alerts and audit over SQLite (embedded) or PostgreSQL (docs/store.md).
 */
export type { StoreDialect } from "./dialect.js";
export { openStore, SQLITE_APPLICATION_ID } from "./open-store.js";
export type { OpenStoreOptions, TrackingStore } from "./open-store.js";
export { resolveStoreConfig } from "./store-config.js";
export { parseStoreLocation, storeUrl } from "./store-location.js";
export type { StoreLocation } from "./store-location.js";
export { migrateStore, migrationStatus } from "./migrate.js";
export type { MigrationStatus } from "./migrate.js";
export { STORE_MIGRATIONS } from "./migrations/index.js";
export type * from "./tables.js";
export type * from "./registry-tables.js";
export { writeTransaction } from "./write-transaction.js";

export { lazyRunIndex, removeRunsFromIndex, storeRunIndex, writeRunEntries } from "./runs-index.js";
export type { OwnedRunIndex } from "./runs-index.js";
export { codeVersionText, runIndexEntry } from "./run-index-entry.js";
export type { RunIndexEntry } from "./run-index-entry.js";
export { flattenMetrics, flattenParams, METRIC_ALIASES } from "./run-index-values.js";
export type { ParamRow } from "./run-index-values.js";
export { reindexRuns } from "./reindex.js";
export type { ReindexCounts, ReindexOptions, ReindexProblem } from "./reindex.js";
export { countRuns, metricKeys, parseRunQuery, queryRuns } from "./run-query.js";
export type { RunQuery, RunQueryLimits, RunRow } from "./run-query.js";
export { RunQueryError } from "./run-query-error.js";

export {
  createStudy,
  getStudy,
  listStudies,
  STUDY_DIRECTIONS,
  STUDY_STATES,
  setStudyState,
} from "./studies.js";
export type { Study, StudyDefinition, StudyDirection, StudyState } from "./studies.js";
export {
  addTrial,
  bestTrial,
  finishTrial,
  getTrial,
  insertTrial,
  intermediateValuesAt,
  listTrials,
  reportIntermediate,
  startTrial,
  TRIAL_STATES,
} from "./trials.js";
export type {
  FinishedTrialRecord,
  ListTrialsOptions,
  StartTrialOptions,
  Trial,
  TrialOutcome,
  TrialState,
  TrialStepValue,
  TrialSummary,
} from "./trials.js";
export type { TrialParams } from "./trial-params.js";

export { PredictionLog, predictionRow, writePredictions } from "./prediction-log.js";
export type {
  DropReason,
  PredictionLogEvents,
  PredictionLogLimits,
  PredictionLogOptions,
  PredictionLogStats,
  PredictionRecord,
} from "./prediction-log.js";
export { prunePredictions } from "./retention.js";
export type { PruneOptions, PruneResult } from "./retention.js";
export { ensureMonthPartitions, listPartitions, partitionName } from "./prediction-partitions.js";
export { auditRecordOf, listAudit, StoreAuditMirror, writeAudit } from "./audit.js";
export type { AuditQuery, AuditRecord } from "./audit.js";
export {
  readOrders,
  readPerformance,
  readPositions,
  readTrades,
  writeOrders,
  writePerformance,
  writePositions,
  writeTrades,
} from "./trading-records.js";
export type {
  OrderRecord,
  PerformanceRecord,
  PositionRecord,
  SourceRange,
  TradeRecord,
} from "./trading-records.js";
export { recordBacktest } from "./record-backtest.js";
export type { RecordedBacktest } from "./record-backtest.js";
export { acknowledgeAlert, listAlerts, raiseAlert, resolveAlert } from "./alerts.js";
export type { Alert, AlertQuery, AlertSeverity, AlertState, NewAlert } from "./alerts.js";
