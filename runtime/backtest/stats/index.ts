export { type Annualization, detectAnnualization, type PeriodBucket } from "./calendar.js";
export { computeCoreStatistics, computeStatistics, resolveAnnualization } from "./compute.js";
export { drawdownSeries, type UnderwaterPeriod, underwaterPeriods } from "./drawdown.js";
export { normalCdf, normalPdf, normalPpf } from "../../core/normal-distribution.js";
export { statisticKeys, statLabels } from "./labels.js";
export type { QuantStatsMetrics } from "./quantstats-metrics.js";
export {
  lastPerBucket,
  logReturns,
  periodReturns,
  simpleReturns,
  type TimeSeries,
} from "./returns.js";
export {
  type MonthlyReturnsTable,
  monthlyReturnsTable,
  type RollingOptions,
  returnsSeries,
  rollingBeta,
  rollingSharpe,
  rollingSortino,
  rollingVolatility,
  type YearlyReturn,
  yearlyReturns,
} from "./series.js";
export type {
  CoreStatistics,
  StatisticKey,
  StatisticLabel,
  Statistics,
  StatisticsInput,
  StatisticUnit,
} from "./types.js";
