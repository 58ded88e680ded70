import type { Annualization } from "../../stats/annualization.js";
import { type UnderwaterPeriod, underwaterPeriods } from "../../stats/drawdown.js";
import { covariance, max, mean, type Numbers, variance } from "../../stats/moments.js";
import { logReturns, periodReturns } from "../../stats/returns.js";
import { geometricMeanReturn, safeDiv } from "./python-conventions.js";

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

export interface EquityStatisticsInput {
  readonly timestamps: Float64Array;
  readonly equity: Float64Array;
  /** The market series for Buy & Hold and beta (closes or a benchmark equity). */
  readonly market?: Float64Array;
  readonly buyHoldStartBar: number;
  readonly riskFreeRate: number;
  readonly annualization: Annualization;
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

function finiteOnly(xs: Numbers): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++) if (!Number.isNaN(xs[i]!)) out.push(xs[i]!);
  return out;
}

/** Beta of the equity's per-bar log returns on the market's: cov / var (ddof 1). */
export function logReturnBeta(equity: Numbers, market: Numbers): number {
  const a = logReturns(equity);
  const b = logReturns(market);
  if (a.length < 2 || b.length < 2) return Number.NaN;
  return covariance(a, b) / variance(b);
}

/** backtesting.py's `compute_drawdown_duration_peaks` does not count an unrecovered one-bar dip on the last bar. */
export function countsForBacktestingPy(p: UnderwaterPeriod): boolean {
  return p.recovered || p.bars > 1;
}

export function equityStatistics(input: EquityStatisticsInput): EquityStatistics {
  const { timestamps, equity, market, riskFreeRate: rf, annualization } = input;
  const n = equity.length;
  const first = equity[0]!;
  const last = equity[n - 1]!;
  const start = timestamps[0]!;
  const end = timestamps[n - 1]!;
  const duration = end - start;
  const totalReturn = (last - first) / first;
  const b0 = input.buyHoldStartBar;
  const buyAndHoldReturn =
    market && market.length > b0
      ? (market[market.length - 1]! - market[b0]!) / market[b0]!
      : Number.NaN;

  const N = annualization.periodsPerYear;
  const returns = periodReturns(timestamps, equity, annualization.bucket).values;
  const gmean = geometricMeanReturn(returns);
  const observed = finiteOnly(returns);
  const annualReturn = annualizedReturn(gmean, N);
  const annualVolatility = annualizedVolatility(variance(observed, 1), gmean, N);
  const years = duration / 86_400_000 / N;
  const cagr = years ? (last / first) ** (1 / years) - 1 : Number.NaN;
  let downside = 0;
  for (const r of observed) if (r < 0) downside += r * r;
  const downsideDeviation = Math.sqrt(downside / observed.length) * Math.sqrt(N);

  const periods = underwaterPeriods(timestamps, equity).filter(countsForBacktestingPy);
  let maxDd = 0;
  for (const p of periods) if (p.depth < maxDd) maxDd = p.depth;
  // The deepest drawdown over the whole curve (also counts an unrecovered last-bar dip).
  let peak = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < n; t++) {
    peak = Math.max(peak, equity[t]!);
    maxDd = Math.min(maxDd, equity[t]! / peak - 1);
  }
  const beta = market ? logReturnBeta(equity, market) : Number.NaN;

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
    alpha: totalReturn - rf - beta * (buyAndHoldReturn - rf),
    beta,
    maxDrawdown: maxDd,
    avgDrawdown: periods.length ? mean(periods.map((p) => p.depth)) : Number.NaN,
    maxDrawdownDuration: periods.length ? max(periods.map((p) => p.durationMs)) : Number.NaN,
    avgDrawdownDuration: periods.length ? mean(periods.map((p) => p.durationMs)) : Number.NaN,
  };
}
