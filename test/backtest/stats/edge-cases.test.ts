import { describe, expect, it } from "vitest";
import { bucketKey, monthIndex } from "../../../runtime/stats/calendar.js";
import { computeStatistics } from "../../../runtime/backtest/stats/index.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("annualization and resampling by data frequency", () => {
  it("hourly bars: the annualized statistics are those of the day-end equity (daily returns, 252)", () => {
    const hourlyTs: number[] = [];
    const hourlyEq: number[] = [];
    let eq = 1000;
    let day = Date.UTC(2022, 0, 3); // a Monday
    for (let d = 0; d < 120; d++) {
      while ([0, 6].includes(new Date(day).getUTCDay())) day += DAY;
      for (let h = 8; h < 16; h++) {
        eq *= 1 + 0.004 * Math.sin(d * 7 + h) + 0.0003;
        hourlyTs.push(day + h * HOUR);
        hourlyEq.push(eq);
      }
      day += DAY;
    }
    const dailyIdx = hourlyTs.map((_, i) => i).filter((i) => i % 8 === 7);
    const hourly = computeStatistics({
      timestamps: Float64Array.from(hourlyTs),
      equity: Float64Array.from(hourlyEq),
      trades: [],
    });
    const daily = computeStatistics({
      timestamps: Float64Array.from(dailyIdx, (i) => hourlyTs[i]!),
      equity: Float64Array.from(dailyIdx, (i) => hourlyEq[i]!),
      trades: [],
    });
    expect(hourly.periodsPerYear).toBe(252);
    for (const key of [
      "annualReturn",
      "sharpeRatio",
      "annualVolatility",
      "sortinoRatio",
      "arithmeticSharpeRatio",
      "winDays",
      "valueAtRisk",
      "bestDay",
      "skew",
    ] as const) {
      expect(hourly[key]).toBeCloseTo(daily[key], 12);
    }
    // Drawdowns are per bar: the intraday bars can only make them deeper.
    expect(hourly.maxDrawdown).toBeLessThanOrEqual(daily.maxDrawdown);
  });

  it("month-end bars → 12 periods per year on monthly returns; weekly bars → 52", () => {
    const monthly = Float64Array.from({ length: 36 }, (_, i) => Date.UTC(2019, i + 1, 0));
    const growth = 1.01;
    const eqM = Float64Array.from(monthly, (_, i) => 100 * growth ** i);
    const m = computeStatistics({ timestamps: monthly, equity: eqM, trades: [] });
    expect(m.periodsPerYear).toBe(12);
    // The 35 monthly returns of 1 % that exist (backtesting.py ≥ 0.6.6: no 0 for the first month).
    expect(m.annualReturn).toBeCloseTo(growth ** 12 - 1, 12);
    // CAGR by calendar time: growth^35 over 31 Jan 2019 → 31 Dec 2021 = 1065 days.
    expect(m.cagr).toBeCloseTo(growth ** (35 / (1065 / 365.25)) - 1, 12);
    expect(m.cagrByPeriods).toBeCloseTo(growth ** 12 - 1, 12);

    const weekly = Float64Array.from({ length: 60 }, (_, i) => Date.UTC(2021, 0, 8) + i * 7 * DAY);
    const w = computeStatistics({
      timestamps: weekly,
      equity: Float64Array.from(weekly, (_, i) => 100 + i),
      trades: [],
    });
    expect(w.periodsPerYear).toBe(52);
  });

  it("an explicit periodsPerYear overrides the detection", () => {
    const ts = Float64Array.from({ length: 30 }, (_, i) => Date.UTC(2021, 0, 4) + i * DAY);
    const s = computeStatistics({
      timestamps: ts,
      equity: Float64Array.from(ts, (_, i) => 100 * 1.001 ** i),
      trades: [],
      periodsPerYear: 260,
    });
    expect(s.periodsPerYear).toBe(260);
    expect(s.cagrByPeriods).toBeCloseTo(1.001 ** 260 - 1, 12);
  });
});

describe("degenerate curves", () => {
  it("a wiped-out account: max drawdown −100 %, total return −100 %, no exception", () => {
    const ts = Float64Array.from({ length: 10 }, (_, i) => Date.UTC(2021, 0, 4) + i * DAY);
    const eq = Float64Array.from([100, 90, 50, 20, 0, 0, 0, 0, 0, 0]);
    const s = computeStatistics({ timestamps: ts, equity: eq, trades: [] });
    expect(s.maxDrawdown).toBe(-1);
    expect(s.totalReturn).toBe(-1);
    // backtesting.py: a period return of −100 % makes the geometric mean 0.
    expect(s.annualReturn).toBe(0);
  });
  it("a single bar: defined start/end/equity, the rest NaN or 0", () => {
    const s = computeStatistics({
      timestamps: Float64Array.of(Date.UTC(2021, 0, 4)),
      equity: Float64Array.of(100),
      trades: [],
    });
    expect(s.equityFinal).toBe(100);
    expect(s.duration).toBe(0);
    expect(s.totalReturn).toBe(0);
    expect(s.cagr).toBeNaN();
    expect(s.arithmeticSharpeRatio).toBeNaN();
    expect(s.maxDrawdown).toBe(0);
  });
});

describe("calendar keys", () => {
  it("monthIndex agrees with Date for every 13th day 1900–2100, before and after the epoch", () => {
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2100, 0, 1); t += 13 * DAY + 7 * HOUR) {
      const d = new Date(t);
      expect(monthIndex(t)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
    }
  });
  it("weeks end on Sunday (pandas 'W'): Monday–Sunday share a key, the next Monday does not", () => {
    const monday = Date.UTC(2024, 0, 1);
    const sunday = monday + 6 * DAY + 23 * HOUR;
    expect(bucketKey(monday, "week")).toBe(bucketKey(sunday, "week"));
    expect(bucketKey(monday + 7 * DAY, "week")).toBe(bucketKey(monday, "week") + 7);
    expect(bucketKey(Date.UTC(2024, 4, 15), "quarter")).toBe(2024 * 4 + 1);
  });
});
