export { computeCoreStatistics, computeStatistics, resolveAnnualization } from "./compute.js";
export { statisticKeys, statLabels } from "./labels.js";
export type { QuantStatsMetrics } from "./quantstats-metrics.js";
export {
  type MonthlyReturnsTable,
  monthlyReturnsTable,
  type RollingOptions,
  returnsSeries,
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
