import type { CalendarKind } from "../bundled-catalog.js";
import type { CheckOutcome, QualityCheckImpl } from "./check-types.js";
import { isoTime, issueAt, rowsBySymbol } from "./check-types.js";
import { median } from "../../stats/quantile.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Weekdays strictly between two dates (UTC days). */
export function weekdaysBetween(a: number, b: number): number {
  let count = 0;
  for (let d = Math.floor(a / DAY) + 1; d < Math.floor(b / DAY); d++) {
    const dow = (d + 4) % 7; // 1970-01-01 was a Thursday (4)
    if (dow !== 0 && dow !== 6) count++;
  }
  return count;
}

/**
 * Whether an instant falls in the FX weekend: from Friday 21:00 UTC to Sunday
 * 22:00 UTC (covers the New York 17:00 close and the Sydney open in both
 * summer and winter time).
 */
export function inFxWeekend(ms: number): boolean {
  const d = new Date(ms);
  const dow = d.getUTCDay();
  const h = d.getUTCHours();
  if (dow === 6) return true;
  if (dow === 5) return h >= 21;
  if (dow === 0) return h < 22;
  return false;
}

function missingBars(calendar: CalendarKind, a: number, b: number, step: number): number {
  switch (calendar) {
    case "business_day":
      return weekdaysBetween(a, b);
    case "monthly": {
      const da = new Date(a);
      const db = new Date(b);
      const months =
        (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + db.getUTCMonth() - da.getUTCMonth();
      return Math.max(0, months - 1);
    }
    case "fx_24x5": {
      let missing = 0;
      for (let t = a + step; t < b; t += step) if (!inFxWeekend(t)) missing++;
      return missing;
    }
    case "continuous":
      return Math.max(0, Math.round((b - a) / step) - 1);
  }
}

/**
 * Calendar gaps: between two consecutive bars of a symbol, more missing bars
 * than `max_missing` for the dataset's calendar (business days: weekends are
 * not gaps, default 3 missing weekdays tolerated for holidays; FX 24x5: the
 * weekend is not a gap, default 0; monthly: default 0; continuous: the median
 * bar spacing, default 0). Warn or fail only: filling is alignment's job.
 */
export const gapsCheck: QualityCheckImpl = {
  check: "gaps",
  run(data, policy, ctx): CheckOutcome {
    const maxMissing = policy.maxMissing ?? (ctx.calendar === "business_day" ? 3 : 0);
    const issues = [];
    const ts = data.bars.timestamp;
    for (const rows of rowsBySymbol(data).values()) {
      if (rows.length < 2) continue;
      const diffs = new Float64Array(rows.length - 1);
      for (let k = 1; k < rows.length; k++) diffs[k - 1] = ts[rows[k]!]! - ts[rows[k - 1]!]!;
      const step = ctx.calendar === "fx_24x5" ? Math.max(median(diffs), 60_000) : median(diffs);
      for (let k = 1; k < rows.length; k++) {
        const a = ts[rows[k - 1]!]!;
        const b = ts[rows[k]!]!;
        const missing = missingBars(ctx.calendar, a, b, step || HOUR);
        if (missing > maxMissing) {
          issues.push(
            issueAt(
              data,
              "gaps",
              rows[k]!,
              `${missing} ${ctx.calendar} bar${missing === 1 ? "" : "s"} missing after ${isoTime(a)}`,
              "timestamp",
            ),
          );
        }
      }
    }
    return { issues };
  },
};
