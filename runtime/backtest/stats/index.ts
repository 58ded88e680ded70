export { type Annualization, detectAnnualization, type PeriodBucket } from "./calendar.js";
export { computeStatistics, resolveAnnualization } from "./compute.js";
export { drawdownSeries, type UnderwaterPeriod, underwaterPeriods } from "./drawdown.js";
export { statLabels } from "./labels.js";
export { logReturns, periodReturns, simpleReturns, type TimeSeries } from "./returns.js";
export type {
  StatisticKey,
  StatisticLabel,
  Statistics,
  StatisticsInput,
  StatisticUnit,
} from "./types.js";
