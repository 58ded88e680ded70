import { describe, expect, it } from "vitest";
import {
  computeStatistics,
  monthlyReturnsTable,
  rollingSharpe,
  rollingSortino,
  rollingVolatility,
  yearlyReturns,
} from "../../../runtime/backtest/stats/index.js";
import { drawdownSeries, underwaterPeriods } from "../../../runtime/stats/drawdown.js";
import { periodReturns } from "../../../runtime/stats/returns.js";
import { rollingBeta } from "../../../runtime/stats/rolling.js";

const DAY = 86_400_000;

describe("monthly and yearly return tables", () => {
  // One bar on the 1st and 15th of each month, Jan 2020 – Mar 2021; equity grows 1% per bar.
  const ts: number[] = [];
  for (let m = 0; m < 15; m++) {
    ts.push(Date.UTC(2020, m, 1), Date.UTC(2020, m, 15));
  }
  const timestamps = Float64Array.from(ts);
  const equity = Float64Array.from(ts, (_, i) => 100 * 1.01 ** i);

  it("months compound their bars; the first month is measured from the first value", () => {
    const table = monthlyReturnsTable(timestamps, equity);
    expect(table.years).toEqual([2020, 2021]);
    expect(table.months[0]![0]).toBeCloseTo(0.01, 14); // Jan 2020: bar 0 → bar 1
    expect(table.months[0]![1]).toBeCloseTo(1.01 ** 2 - 1, 14); // Feb: bar 1 → bar 3
    expect(table.months[1]![2]).toBeCloseTo(1.01 ** 2 - 1, 14); // Mar 2021
    expect(table.months[1]![3]).toBeNaN(); // Apr 2021: no data
    expect(table.endOfYear[0]).toBeCloseTo(1.01 ** 23 - 1, 12); // 24 bars in 2020
    expect(table.endOfYear[1]).toBeCloseTo(1.01 ** 6 - 1, 12);
  });
  it("yearly returns multiply to the total return", () => {
    const years = yearlyReturns(timestamps, equity);
    const product = years.reduce((acc, y) => acc * (1 + y.value), 1);
    expect(product - 1).toBeCloseTo(equity[equity.length - 1]! / equity[0]! - 1, 12);
  });
});

describe("rolling statistics", () => {
  const n = 300;
  const r = Float64Array.from(
    { length: n },
    (_, i) => 0.01 * Math.sin(i * 0.7) + 0.002 * Math.cos(i * 1.3) + 0.0005,
  );

  it("rolling Sharpe at the last bar equals the full-sample arithmetic Sharpe when window = n", () => {
    const timestamps = Float64Array.from(
      { length: n + 1 },
      (_, i) => Date.UTC(2021, 0, 4) + i * DAY,
    );
    const equity = new Float64Array(n + 1);
    equity[0] = 100;
    for (let i = 0; i < n; i++) equity[i + 1] = equity[i]! * (1 + r[i]!);
    const s = computeStatistics({
      timestamps,
      equity,
      trades: [],
      periodsPerYear: 252,
      riskFreeRate: 0.03,
    });
    const daily = periodReturns(timestamps, equity, "day").values.subarray(1);
    const rolled = rollingSharpe(daily, { window: n, periodsPerYear: 252, riskFreeRate: 0.03 });
    expect(rolled[n - 1]).toBeCloseTo(s.arithmeticSharpeRatio, 12);
    const sortino = rollingSortino(daily, { window: n, periodsPerYear: 252, riskFreeRate: 0.03 });
    expect(sortino[n - 1]).toBeCloseTo(s.arithmeticSortinoRatio, 12);
    const vol = rollingVolatility(daily, { window: n, periodsPerYear: 252 });
    expect(vol[n - 1]).toBeCloseTo(s.stdVolatility, 12);
  });
  it("alternating ±a: rolling volatility = a · sqrt(w/(w−1)) · √N for even windows", () => {
    const a = 0.01;
    const alt = Float64Array.from({ length: 50 }, (_, i) => (i % 2 ? -a : a));
    const vol = rollingVolatility(alt, { window: 10, periodsPerYear: 252 });
    expect(vol[8]).toBeNaN();
    expect(vol[9]).toBeCloseTo(a * Math.sqrt(10 / 9) * Math.sqrt(252), 14);
  });
  it("rolling beta of 2·b + c on b is 2", () => {
    const b = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i));
    const y = Float64Array.from(b, (v) => 2 * v + 0.001);
    const beta = rollingBeta(y, b, 20);
    expect(beta[18]).toBeNaN();
    for (let t = 19; t < 60; t++) expect(beta[t]).toBeCloseTo(2, 12);
  });
  it("no look-ahead: changing returns after t leaves every value up to t unchanged", () => {
    const perturbed = Float64Array.from(r);
    for (let i = 200; i < n; i++) perturbed[i] = -perturbed[i]! * 3;
    const opts = { window: 30, periodsPerYear: 252 };
    const before = rollingSharpe(r, opts);
    const after = rollingSharpe(perturbed, opts);
    expect(Array.from(after.subarray(0, 200))).toEqual(Array.from(before.subarray(0, 200)));
    expect(after[230]).not.toBeCloseTo(before[230]!, 6);
  });
  it("rejects a window below 2", () => {
    expect(() => rollingSharpe(r, { window: 1, periodsPerYear: 252 })).toThrow(/window/);
  });
});

describe("drawdown series and underwater periods", () => {
  const timestamps = Float64Array.from({ length: 8 }, (_, i) => i * DAY);
  const equity = Float64Array.from([100, 110, 99, 88, 110, 120, 108, 115]);
  it("drawdown = equity / running peak − 1", () => {
    const dd = drawdownSeries(equity);
    expect(Array.from(dd, (v) => Number(v.toFixed(10)))).toEqual([
      0,
      0,
      -0.1,
      -0.2,
      0,
      0,
      -0.1,
      Number((115 / 120 - 1).toFixed(10)),
    ]);
  });
  it("periods: peak, start, valley, end, depth, duration; the last one unrecovered", () => {
    const periods = underwaterPeriods(timestamps, equity);
    expect(periods).toHaveLength(2);
    expect(periods[0]).toMatchObject({
      peakBar: 1,
      startBar: 2,
      valleyBar: 3,
      endBar: 4,
      recovered: true,
      bars: 2,
    });
    expect(periods[0]!.depth).toBeCloseTo(-0.2, 14);
    expect(periods[0]!.durationMs).toBe(3 * DAY);
    expect(periods[1]).toMatchObject({
      peakBar: 5,
      startBar: 6,
      valleyBar: 6,
      endBar: 7,
      recovered: false,
      bars: 2,
    });
  });
});
