/**
 * Calendar helpers on epoch-millisecond UTC timestamps: bucketing bars into
 * days, weeks (ending Sunday, pandas "W"), months, quarters and years (the
 * periods returns are resampled to; the annualization rule is
 * ./annualization.ts).
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
