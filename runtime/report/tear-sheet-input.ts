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

/** One of the worst drawdown periods: from the peak to the recovery (or the last bar). */
export interface DrawdownPeriodRow {
  /** Time of the peak the fall started from. */
  readonly start: number;
  /** Time of the deepest point. */
  readonly trough: number;
  /** Time of the first bar back at the peak; null when not recovered. */
  readonly recovery: number | null;
  /** Deepest drawdown, a negative fraction. */
  readonly depth: number;
  /** Bars from the peak to the recovery (or the last bar). */
  readonly bars: number;
  /** Calendar days from the peak to the recovery (or the last bar). */
  readonly days: number;
}

/** One symbol's share of the run's result. */
export interface AssetContribution {
  readonly symbol: string;
  /** Cumulative P&L of the symbol at the last bar (fills, costs, marked position), account currency. */
  readonly pnl: number;
  /** pnl / initial capital: the symbols' contributions add up to the run's return. */
  readonly contribution: number;
  /** Mean weight held at the closes. */
  readonly averageWeight: number;
  /** Weight held at the last close. */
  readonly finalWeight: number;
}

/**
 * A portfolio's allocations per bar (from the backtest stage's weights.csv and
 * positions.csv): `target[s][i]` the strategy's weight for symbol s decided at
 * bar i (before the risk overlay), `actual[s][i]` the weight held at bar i's close.
 */
export interface AllocationSection {
  readonly symbols: readonly string[];
  readonly times: ArrayLike<number>;
  readonly target: readonly ArrayLike<number>[];
  readonly targetCash: ArrayLike<number>;
  readonly actual: readonly ArrayLike<number>[];
  readonly actualCash: ArrayLike<number>;
  readonly contributions: readonly AssetContribution[];
}

/** A trade's entry or exit on the price chart. */
export interface TradeMarker {
  readonly time: number;
  readonly price: number;
  readonly kind: "entry" | "exit";
  readonly side: "long" | "short";
}

/** The traded symbol's close (and volume) over the backtest, with the trades' entries and exits. */
export interface PriceSection {
  readonly symbol: string;
  readonly close: TimeSeries;
  readonly volume?: TimeSeries;
  readonly markers: readonly TradeMarker[];
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
  /** Bar index of the event in the run's panel (episodes merge consecutive bars). */
  readonly bar?: number;
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
  /** Kind of scenario (`stress window`, `price shock`, `value at risk`, `volatility shock`). */
  readonly group?: string;
  readonly scenario: string;
  /** Return of the strategy under the scenario (fraction). */
  readonly strategy: number;
  readonly benchmark?: number;
}

/** One curve's headline figures on the verdict's segment (null: not computable). */
export interface VerdictFigures {
  /** What produced the curve: `ppo`, `buy_and_hold`, `sma_crossover`. */
  readonly name: string;
  readonly totalReturn: number | null;
  readonly sharpeRatio: number | null;
  readonly maxDrawdown: number | null;
}

/** Strategy, benchmark and baseline backtested on the same segment. */
export interface VerdictCurves {
  readonly strategy: VerdictFigures;
  readonly benchmark?: VerdictFigures;
  readonly baseline?: VerdictFigures;
}

/** Mean ± sample std and interquartile mean of episode returns pooled over seeds. */
export interface SeedScores {
  readonly n: number;
  readonly mean: number;
  readonly std: number;
  readonly iqm: number;
}

/**
 * Did the strategy beat its benchmark and baseline: the run's backtest (after
 * the risk overlay when the run has one) and, for an agent, its own
 * comparison without the overlay and its seeds' episode scores.
 */
export interface VerdictSection {
  /** The backtested segment (`test`) and its first and last bar. */
  readonly segment: string;
  readonly start?: number;
  readonly end?: number;
  /** Types of the risk rules the backtest applied (empty: no risk overlay). */
  readonly riskRules: readonly string[];
  /** The run's backtest (after the risk overlay when `riskRules` is not empty). */
  readonly backtest: VerdictCurves;
  /** An agent's comparison on the same segment without the risk overlay (evaluation.json). */
  readonly beforeOverlay?: VerdictCurves;
  /** An agent's seeds: mean ± std and IQM of the episode returns per segment. */
  readonly seeds?: {
    readonly count: number;
    readonly episodesPerSeed: number;
    readonly train?: SeedScores;
    readonly valid?: SeedScores;
    readonly test?: SeedScores;
  };
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
  /** Beat the benchmark and baseline? Shown first, with the headline tiles. */
  readonly verdict?: VerdictSection;
  readonly statistics?: readonly StatisticRow[];
  readonly equity?: EquitySection;
  /** Underwater curve of the strategy (fractions ≤ 0). */
  readonly drawdown?: TimeSeries;
  readonly benchmarkDrawdown?: TimeSeries;
  /** The worst drawdown periods of the strategy, deepest first. */
  readonly drawdownPeriods?: readonly DrawdownPeriodRow[];
  /** A multi-asset run's target and actual weights and per-asset contributions. */
  readonly allocations?: AllocationSection;
  /** A single-asset run's price and volume with its trades marked. */
  readonly price?: PriceSection;
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
