import type { Trade } from "../../contracts/portfolio.js";
import type { ActivityInput, ActivityStatistics } from "./activity-stats.js";
import type { EquityStatistics } from "./backtesting-stats.js";
import type { QuantStatsMetrics } from "./quantstats-metrics.js";
import type { TradeStatistics } from "./trade-stats.js";

/**
 * What `computeStatistics` needs: the equity curve, its timestamps and the
 * trades (and, for `orderCount`, `openTradeCount` and `feesPaid`, the fills,
 * open trades and fees of ActivityInput).
 */
export interface StatisticsInput extends ActivityInput {
  /** Bar times, epoch ms UTC, strictly increasing. */
  readonly timestamps: Float64Array;
  /** Account equity at each bar (same length as timestamps). */
  readonly equity: Float64Array;
  /**
   * Closed trades (backtesting.py counts only closed trades). Each trade's
   * `returnPct` is net of its commissions and `commission` is what both legs
   * paid (runtime/contracts/portfolio.ts): the trade statistics and
   * `commissions` are computed from these.
   */
  readonly trades: readonly Trade[];
  /**
   * Fraction of equity invested per bar (or 0/1 flags). When given, exposure
   * time is the share of bars with a non-zero value; otherwise it is the
   * share of bars covered by a trade [entryBar, exitBar].
   */
  readonly exposure?: Float64Array;
  /** A benchmark equity curve (e.g. buy & hold) for alpha, beta and the benchmark-relative ratios. */
  readonly benchmarkEquity?: Float64Array;
  /** Close prices of the traded asset, for Buy & Hold Return (and alpha/beta without a benchmark). */
  readonly closes?: Float64Array;
  /** Bar from which Buy & Hold is measured (backtesting.py uses the first bar after indicator warm-up). Default 0. */
  readonly buyHoldStartBar?: number;
  /** Annual risk-free rate as a fraction (0.02 = 2%). Default 0. */
  readonly riskFreeRate?: number;
  /** Periods per year for annualization. Default: inferred from the timestamps (runtime/stats/annualization: 252, 365 when the data has weekends; 52/12/4/1 for weekly/monthly/quarterly/yearly bars). */
  readonly periodsPerYear?: number;
}

/**
 * Every statistic, keyed in camelCase. Conventions (docs/statistics.md):
 * returns, rates and drawdowns are FRACTIONS (0.25 = 25%; drawdowns are
 * negative), times are epoch ms, durations are ms, counts are integers,
 * and a statistic that is undefined for the input is NaN.
 */
export interface Statistics
  extends QuantStatsMetrics,
    EquityStatistics,
    TradeStatistics,
    ActivityStatistics {
  // --- backtesting.py's table, besides the equity and trade statistics ----
  exposureTime: number;
  /** Σ `commission` of the closed trades (backtesting.py ≥ 0.6.5's `Commissions [$]`). */
  commissions: number;
  // --- context -----------------------------------------------------------
  periodsPerYear: number;
  riskFreeRate: number;
  avgExposure: number;
}

export type StatisticKey = keyof Statistics;

/** backtesting.py's table plus context: what `computeCoreStatistics` returns (no QuantStats keys). */
export type CoreStatistics = Omit<Statistics, keyof QuantStatsMetrics>;

export type StatisticUnit = "%" | "ratio" | "currency" | "duration" | "count" | "date";

export interface StatisticLabel {
  readonly label: string;
  readonly unit: StatisticUnit;
  readonly description: string;
}
