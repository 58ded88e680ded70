/**
 * The one plain-data object a tear sheet is rendered from. The report stage
 * (from in-memory stage outputs) and `drlwb report <run-dir>` (from the run
 * folder) both map run data into it; notebooks may build it by hand. Every
 * section is optional: a section without data is left out of the report.
 *
 * Times are epoch milliseconds UTC; returns and drawdowns are fractions
 * (0.05 = 5 %). Series accept typed arrays or plain arrays.
 */

/** A time series: `values[i]` at `times[i]`. */
export interface TimeSeries {
  readonly times: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

/** How a number is shown: 0.123 as "12.30 %" (percent), "0.12" (ratio), … */
/** `duration` values are milliseconds (shown in days, or hours below a day). */
export type ValueFormat =
  | "percent"
  | "ratio"
  | "number"
  | "currency"
  | "count"
  | "days"
  | "duration"
  | "date";

/** One row of the statistics table (and, picked by key, a headline KPI). */
export interface StatisticRow {
  /** Stable typed key from the statistics module (`sharpe`, `max_drawdown`). */
  readonly key: string;
  /** Display label from the statistics label table. */
  readonly label: string;
  readonly format: ValueFormat;
  readonly strategy: number | null;
  readonly benchmark?: number | null;
}

export interface EquitySection {
  readonly strategy: TimeSeries;
  readonly benchmark?: TimeSeries;
  readonly strategyLabel?: string;
  readonly benchmarkLabel?: string;
  /** A rule-based baseline run on the same bars (e.g. the SMA crossover an agent must beat). */
  readonly baseline?: TimeSeries;
  readonly baselineLabel?: string;
}

export interface MonthlyReturn {
  readonly year: number;
  /** 1 = January … 12 = December. */
  readonly month: number;
  readonly value: number;
}

export interface YearlyReturn {
  readonly year: number;
  readonly strategy: number;
  readonly benchmark?: number;
}

export interface RollingSection {
  /** Window length in bars. */
  readonly window: number;
  readonly sharpe?: TimeSeries;
  readonly volatility?: TimeSeries;
  readonly beta?: TimeSeries;
}

export interface ReturnDistributionSection {
  /** Per-bar returns of the strategy. */
  readonly strategy: ArrayLike<number>;
  readonly benchmark?: ArrayLike<number>;
}

export interface TradeRow {
  readonly symbol: string;
  readonly size: number;
  readonly entryTime: number;
  readonly exitTime: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly pnl: number;
  readonly returnPct: number;
  readonly commission?: number;
  readonly tag?: string;
}

export interface RegimeSection {
  /** The price the regimes are shaded over. */
  readonly price: TimeSeries;
  readonly priceLabel?: string;
  /** Regime label per bar of `price` (-1 = unknown). */
  readonly labels: ArrayLike<number>;
  /** Display names of the regimes by label (default "regime 0", …). */
  readonly names?: readonly string[];
  /** The regime stage's warnings, shown with the section. */
  readonly warnings?: readonly string[];
}

export interface RiskEventRow {
  readonly time: number;
  readonly rule: string;
  readonly message: string;
  /** Gross exposure (sum of |weights|) before and after the rule. */
  readonly before?: number;
  readonly after?: number;
}

export interface TrainingCurve {
  /** Metric name as logged (`episode_reward`, `policy_loss`, …). */
  readonly metric: string;
  readonly steps: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

export interface QualityCheckRow {
  readonly check: string;
  readonly status: "ok" | "warning" | "error";
  readonly detail: string;
}

export interface QualitySection {
  readonly rows?: number;
  readonly symbols?: number;
  readonly start?: number;
  readonly end?: number;
  readonly checks: readonly QualityCheckRow[];
}

export interface CorrelationSection {
  readonly symbols: readonly string[];
  /** Symmetric correlation matrix, `matrix[i][j]`. */
  readonly matrix: readonly (readonly number[])[];
  /** Edges with |correlation| below this are not drawn (default 0.3). */
  readonly threshold?: number;
}

export interface ScenarioRow {
  readonly scenario: string;
  /** Return of the strategy under the scenario (fraction). */
  readonly strategy: number;
  readonly benchmark?: number;
}

/** Where a resolved spec value came from. */
export interface SpecValueOrigin {
  /** JSON pointer into the spec, e.g. `/backtest/cash`. */
  readonly path: string;
  readonly origin: "user" | "default" | string;
}

export interface ProvenanceSection {
  readonly runId?: string;
  readonly specFile?: string;
  readonly specYaml?: string;
  readonly specHash?: string;
  readonly dataHash?: string;
  readonly seed?: number;
  /** Package/runtime versions: `{ "drl-workbench": "0.1.0", node: "v22…", commit: "…" }`. */
  readonly versions?: Readonly<Record<string, string>>;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly origins?: readonly SpecValueOrigin[];
}

export interface KpiAlertRow {
  readonly name: string;
  readonly value: number | null;
  readonly threshold: number;
  readonly direction: "above" | "below";
  readonly triggered: boolean;
  readonly message: string;
}

export interface TearSheetInput {
  readonly title: string;
  readonly subtitle?: string;
  /** Keys of `statistics` rows shown as headline tiles (default: report.headline's schema default). */
  readonly headline?: readonly string[];
  readonly statistics?: readonly StatisticRow[];
  readonly equity?: EquitySection;
  /** Underwater curve of the strategy (fractions ≤ 0). */
  readonly drawdown?: TimeSeries;
  readonly benchmarkDrawdown?: TimeSeries;
  readonly monthlyReturns?: readonly MonthlyReturn[];
  readonly yearlyReturns?: readonly YearlyReturn[];
  readonly rolling?: RollingSection;
  readonly returnDistribution?: ReturnDistributionSection;
  readonly trades?: readonly TradeRow[];
  readonly regimes?: RegimeSection;
  readonly riskEvents?: readonly RiskEventRow[];
  readonly training?: readonly TrainingCurve[];
  readonly quality?: QualitySection;
  readonly correlation?: CorrelationSection;
  readonly scenarios?: readonly ScenarioRow[];
  readonly alerts?: readonly KpiAlertRow[];
  readonly provenance?: ProvenanceSection;
}
