import { cagrByPeriods, compound } from "./period-return-stats.js";
import type { TimeSeries } from "../../stats/returns.js";

/** The same UTC instant `months` calendar months earlier/later, the day clamped to the month's end (dateutil's relativedelta). */
export function addMonthsUtc(ms: number, months: number): number {
  const d = new Date(ms);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

export interface WindowReturns {
  mtdReturn: number;
  return3m: number;
  return6m: number;
  ytdReturn: number;
  return1y: number;
  return3yAnnualized: number;
  return5yAnnualized: number;
  return10yAnnualized: number;
}

/**
 * QuantStats' trailing-window returns, measured back from the last period:
 * compounded returns of the periods at or after the window start (MTD, 3M,
 * 6M, YTD, 1Y) and their CAGR-by-periods for 3Y (35 months back, as in
 * QuantStats), 5Y (59 months) and 10Y. A window the data does not cover —
 * the first period is after the window start — is NaN.
 */
export function windowReturns(returns: TimeSeries, periodsPerYear: number): WindowReturns {
  const { timestamps, values } = returns;
  const n = timestamps.length;
  const nan = Number.NaN;
  if (n === 0) {
    return {
      mtdReturn: nan,
      return3m: nan,
      return6m: nan,
      ytdReturn: nan,
      return1y: nan,
      return3yAnnualized: nan,
      return5yAnnualized: nan,
      return10yAnnualized: nan,
    };
  }
  const last = timestamps[n - 1]!;
  const first = timestamps[0]!;
  const since = (cutoff: number): Float64Array => {
    let i = 0;
    while (i < n && timestamps[i]! < cutoff) i++;
    return values.subarray(i);
  };
  const covered = (cutoff: number) => first <= cutoff;
  const window = (cutoff: number) => (covered(cutoff) ? compound(since(cutoff)) : nan);
  const annualized = (cutoff: number) =>
    covered(cutoff) ? cagrByPeriods(since(cutoff), periodsPerYear) : nan;
  const d = new Date(last);
  return {
    mtdReturn: window(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)),
    return3m: window(addMonthsUtc(last, -3)),
    return6m: window(addMonthsUtc(last, -6)),
    ytdReturn: window(Date.UTC(d.getUTCFullYear(), 0, 1)),
    return1y: window(addMonthsUtc(last, -12)),
    return3yAnnualized: annualized(addMonthsUtc(last, -35)),
    return5yAnnualized: annualized(addMonthsUtc(last, -59)),
    return10yAnnualized: annualized(addMonthsUtc(last, -120)),
  };
}
