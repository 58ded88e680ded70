import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeStatistics, type Statistics } from "../../../runtime/backtest/stats/index.js";

/**
 * Every QuantStats metric (and backtesting.py's equity statistics) against
 * values computed independently with numpy + scipy by fixtures/make_reference.py
 * on a seeded synthetic daily strategy and benchmark, risk-free rate 2%.
 */
interface Fixture {
  periodsPerYear: number;
  riskFreeRate: number;
  timestamps: number[];
  equity: number[];
  benchmark: number[];
  expected: Partial<Record<keyof Statistics, number>>;
}

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/reference.json", import.meta.url), "utf8"),
) as Fixture;

const bench = Float64Array.from(fixture.benchmark);
const stats = computeStatistics({
  timestamps: Float64Array.from(fixture.timestamps),
  equity: Float64Array.from(fixture.equity),
  trades: [],
  benchmarkEquity: bench,
  closes: bench,
  riskFreeRate: fixture.riskFreeRate,
});

describe("statistics vs the numpy/scipy reference (relative 1e-9)", () => {
  it("detects 252 periods per year on weekday data", () => {
    expect(stats.periodsPerYear).toBe(fixture.periodsPerYear);
  });
  it.each(Object.entries(fixture.expected))("%s", (key, expected) => {
    const actual = stats[key as keyof Statistics];
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  });
});

describe("trailing windows the data does not cover", () => {
  it("5Y and 10Y are NaN on 3.5 years of data", () => {
    expect(stats.return5yAnnualized).toBeNaN();
    expect(stats.return10yAnnualized).toBeNaN();
    expect(stats.return3yAnnualized).not.toBeNaN();
  });
});
