/**
 * The one annualization rule: how many periods a year has, inferred from the
 * data's calendar. Every annualized figure — the backtest statistics, the
 * regime metrics and thresholds, `vol_target`'s forecast (a sweep trial's
 * metrics are the backtest statistics) — uses it, so the same data is
 * annualized the same way everywhere.
 *
 * 1. The bar spacing is the median gap between consecutive timestamps.
 * 2. The bar period follows from it: ≥ 300 days → yearly (1 a year),
 *    ≥ 80 days → quarterly (4), ≥ 25 days → monthly (12), ≥ 5 days → weekly
 *    (52); anything shorter is daily or intraday, measured in trading days.
 * 3. Trading days per year: 365 when the data trades on weekends (more than
 *    60 % of a 7-day week's weekend share 2/7 of the bars fall on a Saturday
 *    or Sunday, UTC — crypto-like data), else 252.
 * 4. Bars per year: the periods per year for yearly … weekly and daily bars;
 *    for intraday bars (spacing under 0.9 days) trading days per year × bars
 *    per day with bars per day = 1 day / spacing, rounded to a whole number
 *    of bars a year (hourly bars: 252 × 24 = 6048).
 *
 * `periodsPerYear` goes with `bucket`, the calendar period returns are
 * resampled to before annualizing (backtesting.py and QuantStats measure
 * intraday data on day-end returns); `barsPerYear` annualizes per-bar
 * returns (risk forecasts, regime volatility). For daily and longer
 * bars the two are equal.
 */
import type { PeriodBucket } from "./calendar.js";
import { MS_PER_DAY, weekday } from "./calendar.js";
import { median } from "./quantile.js";

export interface Annualization {
  /** The calendar period returns are resampled to before annualizing. */
  readonly bucket: PeriodBucket;
  /** Periods of `bucket` per year: 1, 4, 12, 52, or trading days (252, or 365 with weekends). */
  readonly periodsPerYear: number;
  /** Bars per year, for annualizing per-bar returns (equal to periodsPerYear for daily and longer bars). */
  readonly barsPerYear: number;
}

/** Median gap between consecutive timestamps, in ms; NaN for fewer than two. */
export function medianBarSpacing(timestamps: ArrayLike<number>): number {
  const n = timestamps.length;
  if (n < 2) return Number.NaN;
  const gaps = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) gaps[i - 1] = timestamps[i]! - timestamps[i - 1]!;
  return median(gaps);
}

/** True when more than 60% of the weekend share of a 7-day week falls on weekends (crypto-like data). */
export function hasWeekends(timestamps: ArrayLike<number>): boolean {
  const n = timestamps.length;
  if (n === 0) return false;
  let weekend = 0;
  for (let i = 0; i < n; i++) if (weekday(timestamps[i]!) >= 5) weekend++;
  return weekend / n > (2 / 7) * 0.6;
}

const PERIODS: readonly { minDays: number; bucket: PeriodBucket; perYear: number }[] = [
  { minDays: 300, bucket: "year", perYear: 1 },
  { minDays: 80, bucket: "quarter", perYear: 4 },
  { minDays: 25, bucket: "month", perYear: 12 },
  { minDays: 5, bucket: "week", perYear: 52 },
];

/** The annualization of data with these bar times (see the module comment for the rule). */
export function inferAnnualization(timestamps: ArrayLike<number>): Annualization {
  const spacing = medianBarSpacing(timestamps);
  const days = spacing / MS_PER_DAY;
  for (const p of PERIODS) {
    if (days >= p.minDays) {
      return { bucket: p.bucket, periodsPerYear: p.perYear, barsPerYear: p.perYear };
    }
  }
  const tradingDays = hasWeekends(timestamps) ? 365 : 252;
  const barsPerYear = days < 0.9 ? Math.round(tradingDays / days) : tradingDays;
  return { bucket: "day", periodsPerYear: tradingDays, barsPerYear };
}

/**
 * The annualization of data with these bar times, with the spec's
 * `backtest.periods_per_year` override when there is one: the override
 * replaces the periods per year and bars per year scale with it (the data
 * keeps its bars per period). The backtest statistics and the risk overlay
 * (`vol_target`) both take it from here, so an override changes both alike.
 */
export function annualizationOf(
  timestamps: ArrayLike<number>,
  periodsPerYear?: number,
): Annualization {
  const inferred = inferAnnualization(timestamps);
  if (periodsPerYear === undefined) return inferred;
  return {
    bucket: inferred.bucket,
    periodsPerYear,
    barsPerYear: (inferred.barsPerYear * periodsPerYear) / inferred.periodsPerYear,
  };
}

/** Bars per year of data with these bar times (`inferAnnualization(timestamps).barsPerYear`). */
export function inferBarsPerYear(timestamps: ArrayLike<number>): number {
  return inferAnnualization(timestamps).barsPerYear;
}
