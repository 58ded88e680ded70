/**
 * QuantStats' helper series for reports and notebooks: returns, monthly and
 * yearly return tables, rolling Sharpe / Sortino / volatility (rolling beta
 * is runtime/stats/rolling's `rollingBeta`).
 */
import { bucketKey, type PeriodBucket } from "../../stats/calendar.js";
import { mean, std } from "../../stats/moments.js";
import { lastPerBucket, simpleReturns, type TimeSeries } from "../../stats/returns.js";
import { rollingApply } from "../../stats/rolling.js";
import { excessReturns } from "./period-return-stats.js";

/** Per-bar simple returns of an equity curve (first value NaN). */
export function returnsSeries(timestamps: Float64Array, equity: Float64Array): TimeSeries {
  return { timestamps, values: simpleReturns(equity) };
}

/** Returns between consecutive bucket closes; the first bucket is measured from the first equity value. */
function bucketReturns(timestamps: Float64Array, equity: Float64Array, bucket: PeriodBucket) {
  const last = lastPerBucket(timestamps, equity, bucket);
  const out: { key: number; time: number; value: number }[] = [];
  let prev = equity[0]!;
  for (let i = 0; i < last.values.length; i++) {
    out.push({
      key: bucketKey(last.timestamps[i]!, bucket),
      time: last.timestamps[i]!,
      value: last.values[i]! / prev - 1,
    });
    prev = last.values[i]!;
  }
  return out;
}

export interface YearlyReturn {
  readonly year: number;
  readonly value: number;
}

/** Compounded return of each calendar year (UTC); the first year from the first equity value. */
export function yearlyReturns(timestamps: Float64Array, equity: Float64Array): YearlyReturn[] {
  return bucketReturns(timestamps, equity, "year").map((r) => ({ year: r.key, value: r.value }));
}

export interface MonthlyReturnsTable {
  /** Calendar years covered, ascending. */
  readonly years: number[];
  /** `months[y][m]`: return of month m (0 = January) of years[y]; NaN where the data has no bar. */
  readonly months: Float64Array[];
  /** Compounded return of each year (QuantStats' EOY column). */
  readonly endOfYear: Float64Array;
}

/** Year × month table of compounded monthly returns (QuantStats `monthly_returns`, NaN instead of 0 for uncovered months). */
export function monthlyReturnsTable(
  timestamps: Float64Array,
  equity: Float64Array,
): MonthlyReturnsTable {
  const monthly = bucketReturns(timestamps, equity, "month");
  const yearly = yearlyReturns(timestamps, equity);
  const years = yearly.map((y) => y.year);
  const months = years.map(() => new Float64Array(12).fill(Number.NaN));
  for (const m of monthly) {
    const year = Math.floor(m.key / 12);
    months[years.indexOf(year)]![m.key - year * 12] = m.value;
  }
  return { years, months, endOfYear: Float64Array.from(yearly, (y) => y.value) };
}

export interface RollingOptions {
  /** Window length in periods (QuantStats' default is 126, about six months). */
  readonly window: number;
  readonly periodsPerYear: number;
  /** Annual risk-free rate (Sharpe and Sortino only). Default 0. */
  readonly riskFreeRate?: number;
}

/**
 * Rolling annualized Sharpe ratio of period returns: mean / std (ddof 1) of
 * the excess returns in the window · √N; the value at t uses returns up to t
 * only. The first window − 1 values are NaN.
 */
export function rollingSharpe(returns: ArrayLike<number>, options: RollingOptions): Float64Array {
  const ex = excessReturns(returns, options.riskFreeRate ?? 0, options.periodsPerYear);
  const k = Math.sqrt(options.periodsPerYear);
  return rollingApply(
    ex.length,
    options.window,
    (a, b) => (mean(ex.subarray(a, b)) / std(ex.subarray(a, b))) * k,
  );
}

/** Rolling annualized Sortino: mean / sqrt(Σ negative² / window) · √N. */
export function rollingSortino(returns: ArrayLike<number>, options: RollingOptions): Float64Array {
  const ex = excessReturns(returns, options.riskFreeRate ?? 0, options.periodsPerYear);
  const k = Math.sqrt(options.periodsPerYear);
  return rollingApply(ex.length, options.window, (a, b) => {
    let down = 0;
    for (let i = a; i < b; i++) if (ex[i]! < 0) down += ex[i]! ** 2;
    return (mean(ex.subarray(a, b)) / Math.sqrt(down / (b - a))) * k;
  });
}

/** Rolling annualized volatility: std (ddof 1) · √N. */
export function rollingVolatility(
  returns: ArrayLike<number>,
  options: Omit<RollingOptions, "riskFreeRate">,
): Float64Array {
  const r = Float64Array.from(returns);
  const k = Math.sqrt(options.periodsPerYear);
  return rollingApply(r.length, options.window, (a, b) => std(r.subarray(a, b)) * k);
}
