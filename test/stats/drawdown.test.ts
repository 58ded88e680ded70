import { describe, expect, it } from "vitest";
import {
  drawdownSeries,
  forEachUnderwaterPeriod,
  underwaterPeriods,
} from "../../runtime/stats/drawdown.js";

describe("drawdowns", () => {
  it("the per-bar drawdown from the running peak and the underwater periods", () => {
    const eq = [100, 120, 90, 60, 120, 130, 117];
    const ts = eq.map((_, i) => i * 1000);
    const dd = drawdownSeries(eq);
    expect(Array.from(dd)).toEqual([0, 0, -0.25, -0.5, 0, 0, 117 / 130 - 1]);
    const periods = underwaterPeriods(ts, eq);
    expect(periods).toHaveLength(2);
    expect(periods[0]).toMatchObject({
      peakBar: 1,
      startBar: 2,
      valleyBar: 3,
      endBar: 4,
      recovered: true,
      depth: -0.5,
      durationMs: 3000,
      bars: 2,
    });
    expect(periods[1]).toMatchObject({ peakBar: 5, endBar: 6, recovered: false, bars: 1 });
  });

  it("the allocation-free scan visits the same periods and returns the deepest bar's drawdown", () => {
    const curves = [
      [100, 120, 90, 60, 120, 130, 117],
      [50, 40, 30, 45, 50, 55, 20, 60, 59],
      [10, Number.NaN, 8, 12, 11],
      [100, 99],
    ];
    for (const eq of curves) {
      const ts = eq.map((_, i) => i * 1000);
      const visited: number[][] = [];
      const deepest = forEachUnderwaterPeriod(eq, (peak, start, valley, end, recovered, depth) =>
        visited.push([peak, start, valley, end, recovered ? 1 : 0, depth]),
      );
      expect(visited).toEqual(
        underwaterPeriods(ts, eq).map((p) => [
          p.peakBar,
          p.startBar,
          p.valleyBar,
          p.endBar,
          p.recovered ? 1 : 0,
          p.depth,
        ]),
      );
      const expected = drawdownSeries(eq).reduce((m, d) => Math.min(m, d), 0);
      expect(Object.is(deepest, expected)).toBe(true);
    }
  });
});
