import { statsMessages } from "../../messages/stats.js";
import { type Annualization, annualizationOf } from "../../stats/annualization.js";
import { equityStatistics } from "./backtesting-stats.js";
import { mean } from "../../stats/moments.js";
import { quantStatsMetrics } from "./quantstats-metrics.js";
import { lastPerBucket } from "../../stats/returns.js";
import { tradeExposureTime, tradeStatistics } from "./trade-stats.js";
import type { CoreStatistics, Statistics, StatisticsInput } from "./types.js";

/** The annualization `computeStatistics` uses for an input (explicit periodsPerYear wins). */
export function resolveAnnualization(
  input: Pick<StatisticsInput, "timestamps" | "periodsPerYear">,
): Annualization {
  return annualizationOf(input.timestamps, input.periodsPerYear);
}

function exposureStats(input: StatisticsInput): { exposureTime: number; avgExposure: number } {
  const bars = input.equity.length;
  if (!input.exposure) {
    const exposureTime = tradeExposureTime(input.trades, bars);
    return { exposureTime, avgExposure: exposureTime };
  }
  let nonZero = 0;
  const abs = new Float64Array(input.exposure.length);
  input.exposure.forEach((e, t) => {
    if (e !== 0 && !Number.isNaN(e)) nonZero++;
    abs[t] = Number.isNaN(e) ? 0 : Math.abs(e);
  });
  return { exposureTime: bars ? nonZero / bars : Number.NaN, avgExposure: mean(abs) };
}

function checkInput(input: StatisticsInput): void {
  const n = input.timestamps.length;
  if (input.equity.length !== n)
    throw new RangeError(statsMessages.lengthMismatch("equity", input.equity.length, n));
  if (n === 0) throw new RangeError(statsMessages.noBars());
  for (const [name, arr] of [
    ["exposure", input.exposure],
    ["benchmarkEquity", input.benchmarkEquity],
    ["closes", input.closes],
  ] as const) {
    if (arr && arr.length !== n)
      throw new RangeError(statsMessages.lengthMismatch(name, arr.length, n));
  }
  const rf = input.riskFreeRate ?? 0;
  if (!(rf > -1 && rf < 1)) throw new RangeError(statsMessages.riskFreeRateRange(rf));
}

/**
 * backtesting.py's table only (no QuantStats metrics): the cheaper call for
 * parameter sweeps that rank thousands of backtests.
 */
export function computeCoreStatistics(input: StatisticsInput): CoreStatistics {
  checkInput(input);
  return coreStatistics(input, resolveAnnualization(input));
}

function coreStatistics(input: StatisticsInput, annualization: Annualization): CoreStatistics {
  const riskFreeRate = input.riskFreeRate ?? 0;
  const market = input.closes ?? input.benchmarkEquity;
  const equityStats = equityStatistics({
    timestamps: input.timestamps,
    equity: input.equity,
    ...(market ? { market } : {}),
    buyHoldStartBar: input.buyHoldStartBar ?? 0,
    riskFreeRate,
    annualization,
  });
  if (input.benchmarkEquity && input.closes) {
    // Alpha and beta are measured against the benchmark when one is given.
    const bench = equityStatistics({
      timestamps: input.timestamps,
      equity: input.equity,
      market: input.benchmarkEquity,
      buyHoldStartBar: 0,
      riskFreeRate,
      annualization,
    });
    equityStats.alpha = bench.alpha;
    equityStats.beta = bench.beta;
  }
  return {
    ...equityStats,
    ...exposureStats(input),
    commissions: input.commissions,
    ...tradeStatistics(input.trades),
    periodsPerYear: annualization.periodsPerYear,
    riskFreeRate,
  };
}

/**
 * Every statistic of an equity curve and its trades — backtesting.py's table
 * and QuantStats' metrics (see docs/statistics.md for the definitions).
 * Pure: same input → same output.
 */
export function computeStatistics(input: StatisticsInput): Statistics {
  checkInput(input);
  const annualization = resolveAnnualization(input);
  const periodBenchmarkSource = input.benchmarkEquity ?? input.closes;
  const qs = quantStatsMetrics({
    periodEquity: lastPerBucket(input.timestamps, input.equity, annualization.bucket),
    ...(periodBenchmarkSource
      ? {
          periodBenchmark: lastPerBucket(
            input.timestamps,
            periodBenchmarkSource,
            annualization.bucket,
          ),
        }
      : {}),
    periodsPerYear: annualization.periodsPerYear,
    riskFreeRate: input.riskFreeRate ?? 0,
  });
  return { ...qs, ...coreStatistics(input, annualization) };
}
