/**
 * The part of the statistics that depends only on the bars, the market and
 * the settings — not on the equity curve: the annualization, the calendar
 * bucket of every bar, Buy & Hold Return, and the market's log returns and
 * their variance (beta). `computeStatistics` and `computeCoreStatistics`
 * derive it from their input; a sweep derives it once and passes it to every
 * trial (same timestamps, closes, benchmark and settings), so each trial pays
 * only for what its own equity changes. Same plan or not, the figures are
 * identical: there is one computation, the plan only holds its invariant part.
 */
import { statsMessages } from "../../messages/stats.js";
import { type Annualization, annualizationOf } from "../../stats/annualization.js";
import { variance } from "../../stats/moments.js";
import { bucketKeys, logReturns } from "../../stats/returns.js";
import type { StatisticsInput } from "./types.js";

/** What a plan is made from: a statistics input without its equity curve, trades and exposure. */
export type StatisticsPlanInput = Pick<
  StatisticsInput,
  | "timestamps"
  | "closes"
  | "benchmarkEquity"
  | "buyHoldStartBar"
  | "riskFreeRate"
  | "periodsPerYear"
>;

/** A market series equity is compared with: its buy & hold return and per-bar log returns. */
export interface MarketReference {
  /** (last − first) / first, from the bar the comparison starts at. */
  readonly buyAndHoldReturn: number;
  /** ln(x[t] / x[t−1]) of the whole series (beta's regressor). */
  readonly logReturns: Float64Array;
  /** Their sample variance (ddof 1). */
  readonly logReturnVariance: number;
}

export interface StatisticsPlan {
  readonly timestamps: Float64Array;
  readonly closes: Float64Array | undefined;
  readonly benchmarkEquity: Float64Array | undefined;
  readonly buyHoldStartBar: number;
  readonly riskFreeRate: number;
  /** The spec's override, as given (undefined: inferred from the timestamps). */
  readonly periodsPerYearOverride: number | undefined;
  readonly annualization: Annualization;
  /** `bucketKey` of every bar for `annualization.bucket` (the period returns' calendar). */
  readonly bucketKeys: Float64Array;
  /** backtesting.py's Buy & Hold Return: the closes (or the benchmark) from `buyHoldStartBar`. */
  readonly buyAndHoldReturn: number;
  /**
   * What alpha and beta are measured against: the benchmark when there is one
   * (from bar 0 when closes are given too), else the closes; none without either.
   */
  readonly alphaMarket: MarketReference | undefined;
}

function checkPlanInput(input: StatisticsPlanInput): void {
  const n = input.timestamps.length;
  if (n === 0) throw new RangeError(statsMessages.noBars());
  for (const [name, arr] of [
    ["benchmarkEquity", input.benchmarkEquity],
    ["closes", input.closes],
  ] as const) {
    if (arr && arr.length !== n)
      throw new RangeError(statsMessages.lengthMismatch(name, arr.length, n));
  }
  const rf = input.riskFreeRate ?? 0;
  if (!(rf > -1 && rf < 1)) throw new RangeError(statsMessages.riskFreeRateRange(rf));
}

function buyAndHold(market: Float64Array | undefined, from: number): number {
  return market && market.length > from
    ? (market[market.length - 1]! - market[from]!) / market[from]!
    : Number.NaN;
}

function marketReference(market: Float64Array, from: number): MarketReference {
  const logs = logReturns(market);
  return {
    buyAndHoldReturn: buyAndHold(market, from),
    logReturns: logs,
    logReturnVariance: variance(logs),
  };
}

/** The invariant part of the statistics of every equity curve on these bars with these settings. */
export function statisticsPlan(input: StatisticsPlanInput): StatisticsPlan {
  checkPlanInput(input);
  const annualization = annualizationOf(input.timestamps, input.periodsPerYear);
  const buyHoldStartBar = input.buyHoldStartBar ?? 0;
  const market = input.closes ?? input.benchmarkEquity;
  // With closes and a benchmark, Buy & Hold is the closes' and alpha/beta the benchmark's (from bar 0).
  const alphaMarket =
    input.benchmarkEquity && input.closes
      ? marketReference(input.benchmarkEquity, 0)
      : market
        ? marketReference(market, buyHoldStartBar)
        : undefined;
  return {
    timestamps: input.timestamps,
    closes: input.closes,
    benchmarkEquity: input.benchmarkEquity,
    buyHoldStartBar,
    riskFreeRate: input.riskFreeRate ?? 0,
    periodsPerYearOverride: input.periodsPerYear,
    annualization,
    bucketKeys: bucketKeys(input.timestamps, annualization.bucket),
    buyAndHoldReturn: buyAndHold(market, buyHoldStartBar),
    alphaMarket,
  };
}

function sameSeries(a: Float64Array | undefined, b: Float64Array | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  if (a.buffer === b.buffer && a.byteOffset === b.byteOffset) return true;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Throws unless `plan` was made from this input's timestamps, market and settings. */
export function checkPlanFits(plan: StatisticsPlan, input: StatisticsPlanInput): void {
  const fits =
    sameSeries(plan.timestamps, input.timestamps) &&
    sameSeries(plan.closes, input.closes) &&
    sameSeries(plan.benchmarkEquity, input.benchmarkEquity) &&
    plan.buyHoldStartBar === (input.buyHoldStartBar ?? 0) &&
    plan.riskFreeRate === (input.riskFreeRate ?? 0) &&
    plan.periodsPerYearOverride === input.periodsPerYear;
  if (!fits) throw new RangeError(statsMessages.planMismatch());
}
