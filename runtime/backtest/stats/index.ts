export { computeCoreStatistics, computeStatistics, resolveAnnualization } from "./compute.js";
export {
  type MarketReference,
  type StatisticsPlan,
  type StatisticsPlanInput,
  statisticsPlan,
} from "./statistics-plan.js";
export { StatisticsScratch } from "./statistics-scratch.js";
export { calendarCagr, DAYS_PER_CALENDAR_YEAR } from "./backtesting-stats.js";
export { statisticKeys, statLabels } from "./labels.js";
export {
  type PreferredDirection,
  preferredDirection,
  statPreferredDirection,
} from "./preferred-direction.js";
export { netTradeReturn } from "./trade-return.js";
export { closedTradeCommissions } from "./trade-stats.js";
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
