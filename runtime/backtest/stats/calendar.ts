/**
 * Calendar helpers on epoch-millisecond UTC timestamps: bucketing bars into
 * days, weeks (ending Sunday, pandas "W"), months, quarters and years, and
 * detecting the bar period and the annualization factor the way
 * backtesting.py does.
 */

export const MS_PER_DAY = 86_400_000;

export type PeriodBucket = "day" | "week" | "month" | "quarter" | "year";

/** Days since the epoch (UTC). */
export function epochDay(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(ms: number): number {
  return (((epochDay(ms) + 3) % 7) + 7) % 7;
}

/**
 * year * 12 + month (0-based) of a UTC epoch-ms time, without allocating a
 * Date (H. Hinnant's days-to-civil algorithm).
 */
export function monthIndex(ms: number): number {
  const z = epochDay(ms) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 2 : mp - 10; // 0 = January
  const year = yoe + era * 400 + (month <= 1 ? 1 : 0);
  return year * 12 + month;
}

/**
 * A sortable integer key of the bucket a timestamp falls in: the epoch day
 * for days, the epoch day of the week's Sunday for weeks, year*12+month for
 * months, year*4+quarter for quarters, the year for years.
 */
export function bucketKey(ms: number, bucket: PeriodBucket): number {
  switch (bucket) {
    case "day":
      return epochDay(ms);
    case "week":
      return epochDay(ms) + (6 - weekday(ms));
    case "month":
      return monthIndex(ms);
    case "quarter": {
      const m = monthIndex(ms);
      return Math.floor(m / 12) * 4 + Math.floor((m % 12) / 3);
    }
    case "year":
      return Math.floor(monthIndex(ms) / 12);
  }
}

/** Median spacing of the last (up to) 100 bars, in ms (backtesting.py `_data_period`). */
export function medianBarSpacing(timestamps: ArrayLike<number>): number {
  const n = timestamps.length;
  const start = Math.max(0, n - 100);
  const diffs: number[] = [];
  for (let i = start + 1; i < n; i++) diffs.push(timestamps[i]! - timestamps[i - 1]!);
  if (diffs.length === 0) return Number.NaN;
  diffs.sort((a, b) => a - b);
  const mid = diffs.length >> 1;
  return diffs.length % 2 ? diffs[mid]! : (diffs[mid - 1]! + diffs[mid]!) / 2;
}

/** True when more than 60% of the weekend share of a 7-day week falls on weekends (crypto-like data). */
export function hasWeekends(timestamps: ArrayLike<number>): boolean {
  const n = timestamps.length;
  if (n === 0) return false;
  let weekend = 0;
  for (let i = 0; i < n; i++) if (weekday(timestamps[i]!) >= 5) weekend++;
  return weekend / n > (2 / 7) * 0.6;
}

export interface Annualization {
  /** Periods per year used to annualize: 252 (trading days), 365 (data with weekends), 52, 12 or 1. */
  readonly periodsPerYear: number;
  /** The bucket returns are computed on before annualizing. */
  readonly bucket: PeriodBucket;
}

/**
 * backtesting.py's rule: weekly bars (median spacing 7 days) → 52 on weekly
 * returns, monthly (31 days) → 12 on monthly returns, yearly (365) → 1,
 * otherwise daily returns annualized with 365 when the data has weekends,
 * else 252.
 */
export function detectAnnualization(timestamps: ArrayLike<number>): Annualization {
  const spacingDays = Math.floor(medianBarSpacing(timestamps) / MS_PER_DAY);
  if (spacingDays === 7) return { periodsPerYear: 52, bucket: "week" };
  if (spacingDays === 31) return { periodsPerYear: 12, bucket: "month" };
  if (spacingDays === 365) return { periodsPerYear: 1, bucket: "year" };
  return { periodsPerYear: hasWeekends(timestamps) ? 365 : 252, bucket: "day" };
}
