import { statsMessages } from "../../messages/stats.js";
import { type Annualization, annualizationOf } from "../../stats/annualization.js";
import { lastPerBucket } from "../../stats/returns.js";
import { activityStatistics } from "./activity-stats.js";
import { equityStatistics } from "./backtesting-stats.js";
import { quantStatsMetrics } from "./quantstats-metrics.js";
import { checkPlanFits, type StatisticsPlan, statisticsPlan } from "./statistics-plan.js";
import type { StatisticsScratch } from "./statistics-scratch.js";
import { closedTradeCommissions, tradeExposureTime, tradeStatistics } from "./trade-stats.js";
import type { CoreStatistics, Statistics, StatisticsInput } from "./types.js";

/** The annualization `computeStatistics` uses for an input (explicit periodsPerYear wins). */
export function resolveAnnualization(
  input: Pick<StatisticsInput, "timestamps" | "periodsPerYear">,
): Annualization {
  return annualizationOf(input.timestamps, input.periodsPerYear);
}

function exposureStats(input: StatisticsInput): { exposureTime: number; avgExposure: number } {
  const bars = input.equity.length;
  const exposure = input.exposure;
  if (!exposure) {
    const exposureTime = tradeExposureTime(input.trades, bars);
    return { exposureTime, avgExposure: exposureTime };
  }
  let nonZero = 0;
  let absSum = 0;
  for (let t = 0; t < exposure.length; t++) {
    const e = exposure[t]!;
    if (e !== 0 && !Number.isNaN(e)) nonZero++;
    absSum += Number.isNaN(e) ? 0 : Math.abs(e);
  }
  return {
    exposureTime: bars ? nonZero / bars : Number.NaN,
    avgExposure: exposure.length === 0 ? Number.NaN : absSum / exposure.length,
  };
}

/** The per-curve checks (the plan checked the bars, the market and the settings). */
function checkCurve(input: StatisticsInput, plan: StatisticsPlan): void {
  checkPlanFits(plan, input);
  const n = plan.timestamps.length;
  if (input.equity.length !== n)
    throw new RangeError(statsMessages.lengthMismatch("equity", input.equity.length, n));
  if (input.exposure && input.exposure.length !== n)
    throw new RangeError(statsMessages.lengthMismatch("exposure", input.exposure.length, n));
}

/**
 * backtesting.py's table only (no QuantStats metrics): the cheaper call for
 * parameter sweeps that rank thousands of backtests. A sweep passes the
 * `plan` of its bars and settings (`statisticsPlan`, made once) and a
 * `scratch` it reuses for every trial; the figures are the same with or
 * without them.
 */
export function computeCoreStatistics(
  input: StatisticsInput,
  plan: StatisticsPlan = statisticsPlan(input),
  scratch?: StatisticsScratch,
): CoreStatistics {
  checkCurve(input, plan);
  return coreStatistics(input, plan, scratch);
}

function coreStatistics(
  input: StatisticsInput,
  plan: StatisticsPlan,
  scratch: StatisticsScratch | undefined,
): CoreStatistics {
  return {
    ...equityStatistics(plan, input.equity, scratch),
    ...exposureStats(input),
    commissions: closedTradeCommissions(input.trades),
    ...tradeStatistics(input.trades, scratch),
    ...activityStatistics(input),
    periodsPerYear: plan.annualization.periodsPerYear,
    riskFreeRate: plan.riskFreeRate,
  };
}

/**
 * Every statistic of an equity curve and its trades — backtesting.py's table
 * and QuantStats' metrics (see docs/statistics.md for the definitions).
 * Pure: same input → same output.
 */
export function computeStatistics(
  input: StatisticsInput,
  plan: StatisticsPlan = statisticsPlan(input),
): Statistics {
  checkCurve(input, plan);
  const { annualization, bucketKeys } = plan;
  const periodBenchmarkSource = input.benchmarkEquity ?? input.closes;
  const qs = quantStatsMetrics({
    periodEquity: lastPerBucket(input.timestamps, input.equity, annualization.bucket, bucketKeys),
    ...(periodBenchmarkSource
      ? {
          periodBenchmark: lastPerBucket(
            input.timestamps,
            periodBenchmarkSource,
            annualization.bucket,
            bucketKeys,
          ),
        }
      : {}),
    periodsPerYear: annualization.periodsPerYear,
    riskFreeRate: plan.riskFreeRate,
  });
  return { ...qs, ...coreStatistics(input, plan, undefined) };
}
