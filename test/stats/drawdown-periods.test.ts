import { describe, expect, it } from "vitest";
import { createRng } from "../../runtime/core/rng.js";
import { drawdownPeriods, worstDrawdownPeriods } from "../../runtime/stats/drawdown-periods.js";

const DAY = 86_400_000;
/** Weekdays from Monday 2024-01-01: Jan 1–5, 8–12, 15–16 (a weekend after bars 4 and 9). */
const weekdays = [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16].map((d) => Date.UTC(2024, 0, d));

describe("drawdown periods (peak → trough → recovery or end)", () => {
  // Worked by hand:
  //  bar:    0    1    2     3     4    5    6     7      8    9    10     11
  //  equity: 100  110  99    104.5 110  121  96.8  108.9  121  130  123.5  120
  //  period 1: peak bar 1 (110, Jan 2), trough bar 2 (99: −10 %), recovery bar 4 (Jan 5): 3 bars, 3 days
  //  period 2: peak bar 5 (121, Jan 8), trough bar 6 (96.8: −20 %), recovery bar 8 (Jan 11): 3 bars, 3 days
  //  period 3: peak bar 9 (130, Jan 12), trough bar 11 (120: −7.69 %), not recovered, ends at the
  //            last bar (Jan 16): 2 bars, 4 days (a weekend inside)
  const equity = [100, 110, 99, 104.5, 110, 121, 96.8, 108.9, 121, 130, 123.5, 120];

  it("finds every period with its start, trough, recovery, depth and length", () => {
    const periods = drawdownPeriods(weekdays, equity);
    expect(periods).toHaveLength(3);
    const [p1, p2, p3] = periods;
    expect(p1).toMatchObject({ peakBar: 1, troughBar: 2, endBar: 4, bars: 3, days: 3 });
    expect(p1!.start).toBe(Date.UTC(2024, 0, 2));
    expect(p1!.trough).toBe(Date.UTC(2024, 0, 3));
    expect(p1!.recovery).toBe(Date.UTC(2024, 0, 5));
    expect(p1!.depth).toBeCloseTo(-0.1, 12);
    expect(p2).toMatchObject({ peakBar: 5, troughBar: 6, endBar: 8, bars: 3, days: 3 });
    expect(p2!.depth).toBeCloseTo(-0.2, 12);
    expect(p3).toMatchObject({ peakBar: 9, troughBar: 11, endBar: 11, bars: 2, days: 4 });
    expect(p3!.recovered).toBe(false);
    expect(p3!.recovery).toBeNull();
    expect(p3!.end).toBe(Date.UTC(2024, 0, 16));
    expect(p3!.depth).toBeCloseTo(120 / 130 - 1, 12);
  });

  it("ranks the worst periods deepest first", () => {
    const worst = worstDrawdownPeriods(weekdays, equity, 2);
    expect(worst.map((p) => p.peakBar)).toEqual([5, 1]);
    expect(worstDrawdownPeriods(weekdays, equity).map((p) => p.peakBar)).toEqual([5, 1, 9]);
    expect(worstDrawdownPeriods(weekdays, [1, 2, 3], 5)).toEqual([]);
  });

  /**
   * pyfolio's `get_top_drawdowns`, written independently: take the deepest
   * point of the underwater curve, walk back to the last bar at zero (peak)
   * and forward to the first bar back at zero (recovery, or none), record it,
   * drop the bars in between and repeat.
   */
  function pyfolioTopDrawdowns(equity: readonly number[], top: number) {
    const underwater: (number | null)[] = [];
    let peak = -Infinity;
    for (const v of equity) {
      peak = Math.max(peak, v);
      underwater.push(v / peak - 1);
    }
    const out: { peak: number; valley: number; recovery: number | null; depth: number }[] = [];
    for (let k = 0; k < top; k++) {
      let valley = -1;
      for (let i = 0; i < underwater.length; i++) {
        const u = underwater[i];
        if (u !== null && u !== undefined && (valley < 0 || u < underwater[valley]!)) valley = i;
      }
      if (valley < 0 || underwater[valley]! >= 0) break;
      let p = valley;
      while (underwater[p] !== 0) p--;
      let r: number | null = valley;
      while (r !== null && underwater[r] !== 0) r = r + 1 < underwater.length ? r + 1 : null;
      out.push({ peak: p, valley, recovery: r, depth: underwater[valley]! });
      // pyfolio drops the bars strictly between peak and recovery (everything after an unrecovered peak).
      const to = r ?? underwater.length;
      for (let i = p + 1; i < to; i++) underwater[i] = null;
    }
    return out;
  }

  it("agrees with pyfolio's top-drawdown procedure on random walks", () => {
    const rng = createRng(20260501);
    for (let trial = 0; trial < 25; trial++) {
      const n = 300;
      const eq: number[] = [];
      let v = 100;
      for (let i = 0; i < n; i++) {
        v *= 1 + (rng.next() - 0.49) * 0.04;
        eq.push(v);
      }
      const times = eq.map((_, i) => Date.UTC(2020, 0, 1) + i * DAY);
      const ours = worstDrawdownPeriods(times, eq, 5);
      const reference = pyfolioTopDrawdowns(eq, 5);
      expect(ours.map((p) => p.peakBar)).toEqual(reference.map((r) => r.peak));
      expect(ours.map((p) => p.troughBar)).toEqual(reference.map((r) => r.valley));
      expect(ours.map((p) => (p.recovered ? p.endBar : null))).toEqual(
        reference.map((r) => r.recovery),
      );
      for (let i = 0; i < ours.length; i++) {
        expect(ours[i]!.depth).toBeCloseTo(reference[i]!.depth, 12);
        const endBar = reference[i]!.recovery ?? n - 1;
        expect(ours[i]!.bars).toBe(endBar - reference[i]!.peak);
        expect(ours[i]!.days).toBe(endBar - reference[i]!.peak);
      }
    }
  });
});
