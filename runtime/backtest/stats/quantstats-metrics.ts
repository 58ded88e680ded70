import { benchmarkStatistics, type BenchmarkStatistics } from "./benchmark-stats.js";
import { MS_PER_DAY, monthIndex } from "../../stats/calendar.js";
import { drawdownSeries, underwaterPeriods } from "../../stats/drawdown.js";
import { kurtosis, max, mean, min, skew, std, sum } from "../../stats/moments.js";
import { normalCdf } from "../../core/normal-distribution.js";
import {
  avgLoss,
  avgNonZeroReturn,
  avgWin,
  cagrByPeriods,
  compound,
  excessReturns,
  expectedReturn,
  gainToPain,
  historicalCVaR,
  historicalVaR,
  longestStreak,
  omegaRatio,
  outlierLossRatio,
  outlierWinRatio,
  parametricCVaR,
  parametricVaR,
  payoffRatio,
  periodKelly,
  periodProfitFactor,
  periodSharpe,
  periodSortino,
  periodWinRate,
  probabilisticSharpe,
  profitRatio,
  riskOfRuin,
  sortedCopy,
  tailRatio,
} from "./period-return-stats.js";
import { compoundByBucket, type TimeSeries } from "../../stats/returns.js";
import { windowReturns, type WindowReturns } from "./window-returns.js";

/** QuantStats' `reports.metrics(mode="full")` set (keys that backtesting.py's table already has are not repeated). */
export interface QuantStatsMetrics extends WindowReturns, BenchmarkStatistics {
  timeInMarket: number;
  cagrByPeriods: number;
  arithmeticSharpeRatio: number;
  probabilisticSharpeRatio: number;
  smartSharpeRatio: number;
  arithmeticSortinoRatio: number;
  smartSortinoRatio: number;
  adjustedSortinoRatio: number;
  smartAdjustedSortinoRatio: number;
  omegaRatio: number;
  maxDrawdownStart: number;
  maxDrawdownValley: number;
  maxDrawdownEnd: number;
  longestDrawdownDays: number;
  avgDrawdownDays: number;
  stdVolatility: number;
  calmarRatioByPeriods: number;
  skew: number;
  kurtosis: number;
  ulcerIndex: number;
  ulcerPerformanceIndex: number;
  riskAdjustedReturn: number;
  riskReturnRatio: number;
  avgPeriodReturn: number;
  avgPeriodWin: number;
  avgPeriodLoss: number;
  payoffRatio: number;
  profitRatio: number;
  expectedDailyReturn: number;
  expectedMonthlyReturn: number;
  expectedYearlyReturn: number;
  periodKellyCriterion: number;
  riskOfRuin: number;
  valueAtRisk: number;
  conditionalValueAtRisk: number;
  historicalValueAtRisk: number;
  historicalConditionalValueAtRisk: number;
  maxConsecutiveWins: number;
  maxConsecutiveLosses: number;
  gainPainRatio: number;
  gainPainRatioMonthly: number;
  periodProfitFactor: number;
  commonSenseRatio: number;
  cpcIndex: number;
  tailRatio: number;
  outlierWinRatio: number;
  outlierLossRatio: number;
  bestDay: number;
  worstDay: number;
  bestMonth: number;
  worstMonth: number;
  bestYear: number;
  worstYear: number;
  recoveryFactor: number;
  serenityIndex: number;
  avgUpMonth: number;
  avgDownMonth: number;
  winDays: number;
  winMonths: number;
  winQuarters: number;
  winYears: number;
}

export interface QuantStatsInput {
  /** Equity sampled once per period (last value per day/week/month), first value = the starting point. */
  readonly periodEquity: TimeSeries;
  /** The benchmark sampled on the same periods, when there is one. */
  readonly periodBenchmark?: TimeSeries;
  readonly periodsPerYear: number;
  readonly riskFreeRate: number;
}

/** Returns of a per-period curve without the leading NaN, stamped with the period's time. */
function returnsOf(curve: TimeSeries): TimeSeries {
  const n = Math.max(0, curve.values.length - 1);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = curve.values[i + 1]! / curve.values[i]! - 1;
  return { timestamps: curve.timestamps.subarray(1), values };
}

function drawdownDetails(curve: TimeSeries) {
  const periods = underwaterPeriods(curve.timestamps, curve.values);
  const days = periods.map((p) => {
    const lastInDrawdown = p.recovered ? p.endBar - 1 : p.endBar;
    return Math.floor((curve.timestamps[lastInDrawdown]! - p.startTime) / MS_PER_DAY) + 1;
  });
  let deepest = -1;
  periods.forEach((p, i) => {
    if (deepest < 0 || p.depth < periods[deepest]!.depth) deepest = i;
  });
  const worst = periods[deepest];
  const worstLast = worst ? (worst.recovered ? worst.endBar - 1 : worst.endBar) : -1;
  return {
    maxDrawdownStart: worst ? worst.startTime : Number.NaN,
    maxDrawdownValley: worst ? worst.valleyTime : Number.NaN,
    maxDrawdownEnd: worst ? curve.timestamps[worstLast]! : Number.NaN,
    longestDrawdownDays: days.length ? max(days) : 0,
    avgDrawdownDays: days.length ? mean(days) : Number.NaN,
    maxDrawdown: worst ? worst.depth : 0,
  };
}

function benchmarkPart(input: QuantStatsInput, returns: Float64Array): BenchmarkStatistics {
  if (!input.periodBenchmark) {
    const nan = Number.NaN;
    return {
      capmBeta: nan,
      capmAlpha: nan,
      correlation: nan,
      rSquared: nan,
      informationRatio: nan,
      treynorRatio: nan,
    };
  }
  const bench = returnsOf(input.periodBenchmark).values;
  return benchmarkStatistics(returns, bench, input.periodsPerYear, input.riskFreeRate);
}

export function quantStatsMetrics(input: QuantStatsInput): QuantStatsMetrics {
  const { periodsPerYear: N, riskFreeRate: rf } = input;
  const series = returnsOf(input.periodEquity);
  const r = series.values;
  const n = r.length;
  const excess = excessReturns(r, rf, N);
  const monthly = compoundByBucket(series, "month").values;
  const quarterly = compoundByBucket(series, "quarter").values;
  const yearly = compoundByBucket(series, "year").values;
  const dd = drawdownDetails(input.periodEquity);
  // Drawdown of each period (the starting point is the baseline, as QuantStats' phantom point).
  const ddSeries = drawdownSeries(input.periodEquity.values).subarray(1);
  let ddSquares = 0;
  for (let i = 0; i < ddSeries.length; i++) ddSquares += ddSeries[i]! * ddSeries[i]!;
  const ulcerIndex = Math.sqrt(ddSquares / (n - 1));
  const sorted = sortedCopy(r);
  const sd = std(r);
  const sharpe = periodSharpe(excess);
  const sortino = periodSortino(excess);
  const smartSortino = periodSortino(excess, true);
  const timeInMarket = n ? nonZeroCount(r) / n : Number.NaN;
  const cagr = cagrByPeriods(r, N);
  const profitFactor = periodProfitFactor(r);
  const tail = tailRatio(r, 0.95, sorted);
  const pitfall = -parametricCVaR(ddSeries) / sd;
  const serenityDenominator = ulcerIndex * pitfall;
  return {
    timeInMarket,
    cagrByPeriods: cagr,
    arithmeticSharpeRatio: sharpe * Math.sqrt(N),
    probabilisticSharpeRatio: probabilisticSharpe(sharpe, skew(r), kurtosis(r), n, normalCdf),
    smartSharpeRatio: periodSharpe(excess, true) * Math.sqrt(N),
    arithmeticSortinoRatio: sortino * Math.sqrt(N),
    smartSortinoRatio: smartSortino * Math.sqrt(N),
    adjustedSortinoRatio: (sortino * Math.sqrt(N)) / Math.SQRT2,
    smartAdjustedSortinoRatio: (smartSortino * Math.sqrt(N)) / Math.SQRT2,
    omegaRatio: omegaRatio(excess, 0, N),
    maxDrawdownStart: dd.maxDrawdownStart,
    maxDrawdownValley: dd.maxDrawdownValley,
    maxDrawdownEnd: dd.maxDrawdownEnd,
    longestDrawdownDays: dd.longestDrawdownDays,
    avgDrawdownDays: dd.avgDrawdownDays,
    stdVolatility: sd * Math.sqrt(N),
    calmarRatioByPeriods: dd.maxDrawdown === 0 ? Number.NaN : cagr / Math.abs(dd.maxDrawdown),
    skew: skew(r),
    kurtosis: kurtosis(r),
    ulcerIndex,
    ulcerPerformanceIndex: ulcerIndex === 0 ? Number.NaN : (compound(r) - rf) / ulcerIndex,
    riskAdjustedReturn: cagr / timeInMarket,
    riskReturnRatio: sd === 0 ? Number.NaN : mean(r) / sd,
    avgPeriodReturn: avgNonZeroReturn(r),
    avgPeriodWin: avgWin(r),
    avgPeriodLoss: avgLoss(r),
    payoffRatio: payoffRatio(r),
    profitRatio: profitRatio(r),
    expectedDailyReturn: expectedReturn(r),
    expectedMonthlyReturn: expectedReturn(monthly),
    expectedYearlyReturn: expectedReturn(yearly),
    periodKellyCriterion: periodKelly(r),
    riskOfRuin: riskOfRuin(r),
    valueAtRisk: parametricVaR(r),
    conditionalValueAtRisk: parametricCVaR(r),
    historicalValueAtRisk: historicalVaR(r, 0.95, sorted),
    historicalConditionalValueAtRisk: historicalCVaR(r, 0.95, sorted),
    maxConsecutiveWins: longestStreak(r, (v) => v > 0),
    maxConsecutiveLosses: longestStreak(r, (v) => v < 0),
    gainPainRatio: gainToPain(r),
    gainPainRatioMonthly: gainToPain(sumByMonth(series)),
    periodProfitFactor: profitFactor,
    commonSenseRatio: profitFactor * tail,
    cpcIndex: profitFactor * periodWinRate(r) * payoffRatio(r),
    tailRatio: tail,
    outlierWinRatio: outlierWinRatio(r, 0.99, sorted),
    outlierLossRatio: outlierLossRatio(r, 0.01, sorted),
    bestDay: max(r),
    worstDay: min(r),
    bestMonth: max(monthly),
    worstMonth: min(monthly),
    bestYear: max(yearly),
    worstYear: min(yearly),
    recoveryFactor: dd.maxDrawdown === 0 ? Number.NaN : Math.abs(sum(r)) / Math.abs(dd.maxDrawdown),
    serenityIndex:
      sd === 0 || serenityDenominator === 0 ? Number.NaN : (sum(r) - rf) / serenityDenominator,
    avgUpMonth: avgWin(monthly),
    avgDownMonth: avgLoss(monthly),
    winDays: periodWinRate(r),
    winMonths: periodWinRate(monthly),
    winQuarters: periodWinRate(quarterly),
    winYears: periodWinRate(yearly),
    ...windowReturns(series, N),
    ...benchmarkPart(input, r),
  };
}

function nonZeroCount(r: Float64Array): number {
  let c = 0;
  for (let i = 0; i < r.length; i++) if (r[i] !== 0) c++;
  return c;
}

/** Monthly sums (not compounded) of the period returns — QuantStats' gain/pain "1M" resampling. */
function sumByMonth(series: TimeSeries): Float64Array {
  const out: number[] = [];
  let prev = Number.NaN;
  for (let i = 0; i < series.values.length; i++) {
    const key = monthIndex(series.timestamps[i]!);
    if (key !== prev) {
      out.push(0);
      prev = key;
    }
    out[out.length - 1]! += series.values[i]!;
  }
  return Float64Array.from(out);
}
