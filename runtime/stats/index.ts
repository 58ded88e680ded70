/** Public API of the shared numerics (re-exported by runtime/index.ts as `stats`). */
export {
  type Annualization,
  hasWeekends,
  inferAnnualization,
  inferBarsPerYear,
  medianBarSpacing,
} from "./annualization.js";
export {
  bucketKey,
  epochDay,
  MS_PER_DAY,
  monthIndex,
  type PeriodBucket,
  weekday,
} from "./calendar.js";
export {
  drawdownSeries,
  forEachUnderwaterPeriod,
  type UnderwaterPeriod,
  underwaterPeriods,
} from "./drawdown.js";
export {
  type DrawdownPeriod,
  drawdownPeriods,
  worstDrawdownPeriods,
} from "./drawdown-periods.js";
export { floorMod } from "./floor-mod.js";
export { interquartileMean } from "./interquartile-mean.js";
export {
  cholesky,
  choleskySolve,
  covarianceMatrix,
  invertSpd,
  logDetFromCholesky,
  mahalanobisSquared,
  pseudoInverseSolve,
  quadraticForm,
} from "./linear-algebra.js";
export {
  correlation,
  covariance,
  finite,
  kurtosis,
  max,
  mean,
  min,
  type Numbers,
  skew,
  std,
  sum,
  variance,
} from "./moments.js";
export { finiteValues, median, quantile, quantileSorted } from "./quantile.js";
export {
  bucketKeys,
  compoundByBucket,
  dropNaN,
  lastBarPerBucket,
  lastPerBucket,
  logReturns,
  logReturnsInto,
  observedReturnsInto,
  periodReturns,
  simpleReturns,
  type TimeSeries,
} from "./returns.js";
export { rollingApply, rollingBeta, rollingMean, rollingStd, rollingSum } from "./rolling.js";
export {
  mahalanobisDistance,
  TurbulenceTracker,
  type TurbulenceOptions,
  turbulenceIndex,
} from "./turbulence.js";
