import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketKey, epochDay, monthIndex, weekday } from "../../runtime/stats/calendar.js";

describe("calendar buckets against Date", () => {
  it("epoch day, weekday, month, quarter and year keys", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }), (ms) => {
        const d = new Date(ms);
        expect(epochDay(ms)).toBe(Math.floor(ms / 86_400_000));
        expect(weekday(ms)).toBe((d.getUTCDay() + 6) % 7);
        expect(monthIndex(ms)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
        expect(bucketKey(ms, "quarter")).toBe(
          d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3),
        );
        expect(bucketKey(ms, "year")).toBe(d.getUTCFullYear());
        // Weeks end on Sunday: the key is the epoch day of that Sunday.
        const sunday = bucketKey(ms, "week");
        expect(new Date(sunday * 86_400_000).getUTCDay()).toBe(0);
        expect(sunday - epochDay(ms)).toBeGreaterThanOrEqual(0);
        expect(sunday - epochDay(ms)).toBeLessThan(7);
      }),
    );
  });
});
