import { describe, expect, it } from "vitest";
import {
  computeStatistics,
  statisticKeys,
  statLabels,
} from "../../../runtime/backtest/stats/index.js";

describe("label table", () => {
  const ts = Float64Array.from({ length: 300 }, (_, i) => Date.UTC(2021, 0, 4) + i * 86_400_000);
  const eq = Float64Array.from(ts, (_, i) => 100 * (1 + 0.01 * Math.sin(i / 5)) * 1.0005 ** i);
  const stats = computeStatistics({
    timestamps: ts,
    equity: eq,
    trades: [],
    closes: eq,
  });

  it("has exactly one entry per result key, and every value is a number", () => {
    expect(new Set(statisticKeys)).toEqual(new Set(Object.keys(stats)));
    for (const key of statisticKeys) expect(typeof stats[key]).toBe("number");
  });
  it("labels are non-empty display strings with a known unit; keys are camelCase", () => {
    const units = new Set(["%", "ratio", "currency", "duration", "count", "date"]);
    for (const key of statisticKeys) {
      expect(key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(statLabels[key].label.length).toBeGreaterThan(0);
      expect(units.has(statLabels[key].unit)).toBe(true);
    }
  });
});
