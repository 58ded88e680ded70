import { forEachUnderwaterPeriod } from "../../stats/drawdown.js";
import { covariance, max, variance } from "../../stats/moments.js";
import { lastBarPerBucket, logReturnsInto, observedReturnsInto } from "../../stats/returns.js";
import { geometricMeanReturn, safeDiv } from "./python-conventions.js";
import type { MarketReference, StatisticsPlan } from "./statistics-plan.js";
import { StatisticsScratch } from "./statistics-scratch.js";

/** The equity-curve statistics of backtesting.py's `compute_stats`. */
export interface EquityStatistics {
  start: number;
  end: number;
  duration: number;
  equityFinal: number;
  equityPeak: number;
  totalReturn: number;
  buyAndHoldReturn: number;
  annualReturn: number;
  annualVolatility: number;
  cagr: number;
  sharpeRatio: number;
  sortinoRatio: number;
  calmarRatio: number;
  alpha: number;
  beta: number;
  maxDrawdown: number;
  avgDrawdown: number;
  maxDrawdownDuration: number;
  avgDrawdownDuration: number;
}

/** Days in a calendar year for CAGR (backtesting.py ≥ 0.6.6 `compute_stats`: Duration in days / 365.25). */
export const DAYS_PER_CALENDAR_YEAR = 365.25;
const MS_PER_CALENDAR_YEAR = DAYS_PER_CALENDAR_YEAR * 86_400_000;

/**
 * Geometric annual growth of equity over calendar time:
 * (last / first)^(1 / years) − 1, years = (end − start) / 365.25 days.
 * NaN when no time passed.
 */
export function calendarCagr(first: number, last: number, durationMs: number): number {
  const years = durationMs / MS_PER_CALENDAR_YEAR;
  return years > 0 ? (last / first) ** (1 / years) - 1 : Number.NaN;
}

/** Annualized return from the geometric mean period return. */
export function annualizedReturn(gmeanPeriodReturn: number, periodsPerYear: number): number {
  return (1 + gmeanPeriodReturn) ** periodsPerYear - 1;
}

/**
 * backtesting.py's annualized volatility of compounded returns:
 * sqrt((σ² + (1+ḡ)²)^N − (1+ḡ)^{2N}), σ² the sample variance (ddof 1) of
 * the period returns, ḡ their geometric mean, N periods per year.
 */
export function annualizedVolatility(
  periodVariance: number,
  gmeanPeriodReturn: number,
  periodsPerYear: number,
): number {
  const g = 1 + gmeanPeriodReturn;
  // Same quantity written as g^{2N} · expm1(N · log1p(σ²/g²)): no cancellation when σ² is tiny.
  return Math.sqrt(
    g ** (2 * periodsPerYear) * Math.expm1(periodsPerYear * Math.log1p(periodVariance / (g * g))),
  );
}

/**
 * Beta of the equity's per-bar log returns (`logReturns(equity)`) on the
 * market's: cov / var (ddof 1); NaN with fewer than two returns.
 */
export function logReturnBeta(equityLogReturns: Float64Array, market: MarketReference): number {
  const b = market.logReturns;
  if (equityLogReturns.length < 2 || b.length < 2) return Number.NaN;
  return covariance(equityLogReturns, b) / market.logReturnVariance;
}

/**
 * `Math.log(1 + r)` of each observed period return r, written into `out`. A
 * period of one bar takes the bar's log return `Math.log(q)`, q = its price
 * ratio, when 1 + r is exactly q — the logarithm of the same number — so
 * daily curves pay for their logarithms once; any other period takes its
 * own. Exactness: r = q − 1 rounded; when −0.5 < r ≤ 1, q lies in (0.5, 2],
 * where q − 1 is exact (Sterbenz) and so 1 + r = q; outside, the logarithm
 * is taken.
 */
function periodLogGrowth(
  closes: Int32Array,
  starts: Int32Array,
  observed: Float64Array,
  barLogs: Float64Array,
  out: Float64Array,
): Float64Array {
  for (let m = 0; m < observed.length; m++) {
    const from = closes[starts[m]!]!;
    const r = observed[m]!;
    out[m] =
      closes[starts[m]! + 1]! === from + 1 && r > -0.5 && r <= 1 ? barLogs[from]! : Math.log(1 + r);
  }
  return out.subarray(0, observed.length);
}

/**
 * backtesting.py's `compute_drawdown_duration_peaks` does not count an
 * unrecovered one-bar dip on the last bar.
 */
export function countsForBacktestingPy(
  recovered: boolean,
  startBar: number,
  endBar: number,
): boolean {
  return recovered || endBar + 1 - startBar > 1;
}

/** True when no value is NaN or zero. */
function positiveOrNegative(xs: Float64Array): boolean {
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (v === 0 || Number.isNaN(v)) return false;
  }
  return true;
}

/**
 * The equity statistics of one curve on the plan's bars. `scratch` holds the
 * curve's period and log returns (allocated per call when not given).
 */
export function equityStatistics(
  plan: StatisticsPlan,
  equity: Float64Array,
  scratch: StatisticsScratch = new StatisticsScratch(),
): EquityStatistics {
  const { timestamps, riskFreeRate: rf, annualization } = plan;
  const n = equity.length;
  const first = equity[0]!;
  const last = equity[n - 1]!;
  const start = timestamps[0]!;
  const end = timestamps[n - 1]!;
  const duration = end - start;
  const totalReturn = (last - first) / first;
  const buyAndHoldReturn = plan.buyAndHoldReturn;

  const N = annualization.periodsPerYear;
  const market = plan.alphaMarket;
  // Per-bar log returns, for beta (and for the period returns' logarithms below).
  const barLogs = market ? logReturnsInto(equity, scratch.logReturns(n)) : undefined;
  // The returns that exist: the first period has none (backtesting.py ≥ 0.6.6 drops it).
  const closes = scratch.barIndex(n);
  const buckets = lastBarPerBucket(plan.bucketKeys, equity, closes);
  const starts = scratch.periodStarts(n);
  const observed = observedReturnsInto(equity, closes, buckets, scratch.periodReturns(n), starts);
  const gmean = geometricMeanReturn(
    observed,
    barLogs && periodLogGrowth(closes, starts, observed, barLogs, scratch.logGrowth(n)),
  );
  const annualReturn = annualizedReturn(gmean, N);
  const annualVolatility = annualizedVolatility(variance(observed, 1), gmean, N);
  const cagr = calendarCagr(first, last, duration);
  let downside = 0;
  for (let i = 0; i < observed.length; i++) {
    const r = observed[i]!;
    if (r < 0) downside += r * r;
  }
  const downsideDeviation = Math.sqrt(downside / observed.length) * Math.sqrt(N);

  // The drawdowns backtesting.py counts: their deepest, mean depth, longest and mean duration.
  let maxDd = 0;
  let periods = 0;
  let depthSum = 0;
  let durationSum = 0;
  let longest = Number.NaN;
  const deepest = forEachUnderwaterPeriod(
    equity,
    (peakBar, startBar, _valley, endBar, recovered, depth) => {
      if (!countsForBacktestingPy(recovered, startBar, endBar)) return;
      const ms = timestamps[endBar]! - timestamps[peakBar]!;
      if (depth < maxDd) maxDd = depth;
      periods++;
      depthSum += depth;
      durationSum += ms;
      if (Number.isNaN(longest) || ms > longest) longest = ms;
    },
  );
  // The deepest drawdown over the whole curve (also counts an unrecovered last-bar dip): the
  // scan's, whose running peak is this loop's when no value is NaN or zero (Math.max would
  // propagate a NaN, or prefer +0 to −0); otherwise the loop itself.
  if (positiveOrNegative(equity)) {
    maxDd = Math.min(maxDd, deepest);
  } else {
    let peak = Number.NEGATIVE_INFINITY;
    for (let t = 0; t < n; t++) {
      peak = Math.max(peak, equity[t]!);
      maxDd = Math.min(maxDd, equity[t]! / peak - 1);
    }
  }
  const beta = market && barLogs ? logReturnBeta(barLogs, market) : Number.NaN;
  const alphaReturn = market ? market.buyAndHoldReturn : buyAndHoldReturn;

  return {
    start,
    end,
    duration,
    equityFinal: last,
    equityPeak: max(equity),
    totalReturn,
    buyAndHoldReturn,
    annualReturn,
    annualVolatility,
    cagr,
    sharpeRatio: safeDiv(annualReturn - rf, annualVolatility),
    sortinoRatio: (annualReturn - rf) / downsideDeviation,
    calmarRatio: safeDiv(annualReturn, -maxDd),
    alpha: totalReturn - rf - beta * (alphaReturn - rf),
    beta,
    maxDrawdown: maxDd,
    avgDrawdown: periods ? depthSum / periods : Number.NaN,
    maxDrawdownDuration: periods ? longest : Number.NaN,
    avgDrawdownDuration: periods ? durationSum / periods : Number.NaN,
  };
}
