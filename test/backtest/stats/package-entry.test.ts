/**
 * docs/statistics.md promises `import { computeStatistics } from "drl-workbench"`:
 * the package entry (runtime/index.ts → dist/runtime/index.js, package.json
 * "exports") exports the statistics functions and their types, and the
 * `backtest` namespace carries the same functions.
 */
import { describe, expect, it } from "vitest";
import {
  backtest,
  type CoreStatistics,
  computeCoreStatistics,
  computeStatistics,
  type Statistics,
  type StatisticsInput,
  statisticKeys,
  statLabels,
} from "../../../runtime/index.js";

describe("statistics on the package entry", () => {
  it("computeStatistics, computeCoreStatistics, statLabels and statisticKeys are exported", () => {
    const DAY = 86_400_000;
    const input: StatisticsInput = {
      timestamps: Float64Array.from({ length: 3 }, (_, i) => Date.UTC(2024, 0, 1) + i * DAY),
      equity: Float64Array.of(100, 110, 121),
      trades: [],
    };
    const full: Statistics = computeStatistics(input);
    const core: CoreStatistics = computeCoreStatistics(input);
    expect(full.totalReturn).toBeCloseTo(0.21, 15);
    expect(core.totalReturn).toBe(full.totalReturn);
    expect(statLabels.cagr.label).toBe("CAGR");
    expect(statisticKeys).toContain("sharpeRatio");
  });
  it("the backtest namespace exposes the same functions", () => {
    expect(backtest.computeStatistics).toBe(computeStatistics);
    expect(backtest.computeCoreStatistics).toBe(computeCoreStatistics);
  });
});
