/**
 * The figures every sweep trial reports: exactly the run's headline
 * statistics (metrics.json `backtest.strategy`, the registry's
 * `strategy.<name>` metrics, the report), with the same names and computed
 * by the same functions (runtime/backtest/stats) on the trial's backtest. A
 * statistic that is undefined or infinite is NaN here (null in metrics.json
 * and top.json).
 */
import { HEADLINE_STATISTICS } from "../outcome-metrics.js";
import type { CoreStatistics } from "../stats/index.js";

export const SWEEP_METRICS = HEADLINE_STATISTICS;

export type SweepMetric = (typeof SWEEP_METRICS)[number];

export const METRIC_COUNT = SWEEP_METRICS.length;

export function metricIndex(name: string): number {
  return (SWEEP_METRICS as readonly string[]).indexOf(name);
}

/** Other names of the metrics, e.g. the short ones sweeps used before (a Map: the metric name is user text). */
export const METRIC_ALIASES: ReadonlyMap<string, SweepMetric> = new Map<string, SweepMetric>([
  ["sharpe", "sharpeRatio"],
  ["sharpe_ratio", "sharpeRatio"],
  ["sortino", "sortinoRatio"],
  ["sortino_ratio", "sortinoRatio"],
  ["calmar", "calmarRatio"],
  ["calmar_ratio", "calmarRatio"],
  ["return", "totalReturn"],
  ["total_return", "totalReturn"],
  ["volatility", "annualVolatility"],
  ["annual_volatility", "annualVolatility"],
  ["max_drawdown", "maxDrawdown"],
  ["max_dd", "maxDrawdown"],
  ["final_equity", "equityFinal"],
  ["equity_final", "equityFinal"],
  ["trades", "tradeCount"],
  ["trade_count", "tradeCount"],
  ["exposure", "exposureTime"],
  ["exposure_time", "exposureTime"],
  ["win_rate", "winRate"],
  ["profit_factor", "profitFactor"],
  ["buy_and_hold_return", "buyAndHoldReturn"],
]);

/** The metric a name means (its own name, an alias, or `strategy.<name>` as the registry flattens it). */
export function resolveMetric(name: string): SweepMetric | undefined {
  const bare = name.startsWith("strategy.") ? name.slice("strategy.".length) : name;
  const own = SWEEP_METRICS.find((m) => m === bare);
  return own ?? METRIC_ALIASES.get(bare);
}

/** One trial's statistics → `out[offset…]` in SWEEP_METRICS order (non-finite → NaN, as metrics.json's null). */
export function writeMetrics(stats: CoreStatistics, out: Float64Array, offset: number): void {
  for (let k = 0; k < METRIC_COUNT; k++) {
    const value = stats[SWEEP_METRICS[k]!];
    out[offset + k] = Number.isFinite(value) ? value : Number.NaN;
  }
}

/** A run's metrics.json `backtest.strategy` section → values in SWEEP_METRICS order (null → NaN). */
export function metricsFromRun(
  strategy: Readonly<Record<string, unknown>> | undefined,
  out: Float64Array,
  offset: number,
): void {
  for (let k = 0; k < METRIC_COUNT; k++) {
    const name = SWEEP_METRICS[k]!;
    const value =
      strategy !== undefined && Object.hasOwn(strategy, name) ? strategy[name] : undefined;
    out[offset + k] = typeof value === "number" && Number.isFinite(value) ? value : Number.NaN;
  }
}
