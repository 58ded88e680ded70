import type { Generated } from "kysely";
import type { RegistryTables } from "./registry-tables.js";

/**
 * The tracking store's tables, as the query builder sees them (one interface
 * per table; column names as in the database). Documented in docs/store.md.
 *
 * Conventions that keep one set of queries valid on SQLite and PostgreSQL:
 * times are ISO-8601 UTC text (`2026-12-03T19:23:49.000Z`, sortable as text);
 * JSON values are text; booleans are 0/1 integers; ids chosen by the
 * workbench are text; row ids of append-only tables are integers the database
 * assigns.
 */
export interface StoreTables extends RegistryTables {
  // The model registry's tables (models, model_versions, …): runtime/store/registry-tables.ts.
  experiments: ExperimentsTable;
  runs: RunsTable;
  run_params: RunParamsTable;
  run_metrics: RunMetricsTable;
  run_tags: RunTagsTable;
  studies: StudiesTable;
  trials: TrialsTable;
  trial_values: TrialValuesTable;
  predictions: PredictionsTable;
  orders: OrdersTable;
  trades: TradesTable;
  positions: PositionsTable;
  performance: PerformanceTable;
  alerts: AlertsTable;
  audit: AuditTable;
}

export interface ExperimentsTable {
  name: string;
  created_at: string;
  description: string | null;
}

export interface RunsTable {
  id: string;
  experiment: string;
  /** experiment | sweep | train | … (the run.json kind). */
  kind: string;
  /** running | completed | failed | interrupted */
  status: string;
  spec_hash: string | null;
  data_hash: string | null;
  code_version: string | null;
  seed: number | null;
  started_at: string;
  ended_at: string | null;
  /** The run folder, relative to the runs folder the store indexes. */
  run_dir: string;
  /** Last status change. */
  updated_at: string;
}

/** One spec value per run: the flattened spec path (`backtest.costs.commission`) and its value. */
export interface RunParamsTable {
  run_id: string;
  key: string;
  /** The value as JSON text. */
  value: string;
  /** The value when it is a finite number (queryable), else null. */
  number: number | null;
}

/** One metric per run: `sharpe`, `test.sharpe`, `maxDrawdown`, … */
export interface RunMetricsTable {
  run_id: string;
  key: string;
  value: number;
}

export interface RunTagsTable {
  run_id: string;
  key: string;
  value: string;
}

export interface StudiesTable {
  id: string;
  name: string;
  /** minimize | maximize */
  direction: string;
  /** The objective's name (metric). */
  objective: string;
  spec_hash: string | null;
  /** running | completed | failed | interrupted */
  state: string;
  created_at: string;
  updated_at: string;
}

export interface TrialsTable {
  study_id: string;
  /** 0-based, unique within the study. */
  number: number;
  /** The sampled parameters as JSON text. */
  params: string;
  /** running | complete | pruned | failed */
  state: string;
  value: number | null;
  worker: string | null;
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  /** Why a trial failed or was pruned. */
  note: string | null;
}

/** A trial's intermediate objective value at a step (for pruning). */
export interface TrialValuesTable {
  study_id: string;
  number: number;
  step: number;
  value: number;
}

export interface PredictionsTable {
  id: Generated<number>;
  time: string;
  model: string;
  version: number;
  /** champion | challenger | … (the alias or variant that answered) */
  variant: string;
  /** Hash of the feature vector, for grouping identical inputs. */
  features_digest: string;
  /** The feature (observation) vector as JSON text. */
  features: string;
  /** The decision (weights, action) as JSON text. */
  output: string;
  /** Risk events of this decision as JSON text (`[]` when none). */
  risk_events: string;
  latency_ms: number;
}

/** Orders of a paper/live session or a backtest (when asked). */
export interface OrdersTable {
  id: Generated<number>;
  /** The session or run the order belongs to. */
  source: string;
  order_id: string;
  time: string;
  symbol: string;
  /** buy | sell */
  side: string;
  /** market | limit | stop | … */
  type: string;
  quantity: number;
  limit_price: number | null;
  stop_price: number | null;
  /** new | filled | partially_filled | cancelled | rejected */
  status: string;
}

export interface TradesTable {
  id: Generated<number>;
  source: string;
  order_id: string | null;
  time: string;
  symbol: string;
  side: string;
  quantity: number;
  price: number;
  commission: number;
}

export interface PositionsTable {
  source: string;
  time: string;
  symbol: string;
  quantity: number;
  average_price: number;
  market_value: number;
}

export interface PerformanceTable {
  source: string;
  time: string;
  equity: number;
  cash: number;
  /** Gross exposure as a fraction of equity. */
  exposure: number;
  drawdown: number;
}

export interface AlertsTable {
  id: Generated<number>;
  rule: string;
  /** info | warning | critical */
  severity: string;
  time: string;
  /** What the alert is about (a model, a session), for filtering. */
  subject: string;
  /** Details as JSON text. */
  payload: string;
  /** open | acknowledged | resolved */
  state: string;
  updated_at: string;
}

export interface AuditTable {
  id: Generated<number>;
  time: string;
  /** Who acted: a user, an API key id, `cli`. Never a secret. */
  actor: string;
  /** What was done: `models.alias`, `models.delete`, `store.migrate`, … */
  action: string;
  /** What it was done to (a model@version, a run id). */
  target: string;
  /** ok | denied | failed */
  outcome: string;
  /** Details as JSON text. */
  detail: string;
}
