import { describe, expect, it } from "vitest";
import type { Trade } from "../../../runtime/contracts/portfolio.js";
import { computeStatistics } from "../../../runtime/backtest/stats/index.js";

const DAY = 86_400_000;
const MONDAY_2021_01_04 = Date.UTC(2021, 0, 4);

/** Weekday timestamps (no weekends → 252 periods per year). */
function weekdays(n: number): Float64Array {
  const out = new Float64Array(n);
  let t = MONDAY_2021_01_04;
  for (let i = 0; i < n; i++) {
    while ([0, 6].includes(new Date(t).getUTCDay())) t += DAY;
    out[i] = t;
    t += DAY;
  }
  return out;
}

/** Every calendar day (weekends included → 365 periods per year). */
function everyDay(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => MONDAY_2021_01_04 + i * DAY);
}

function curveFromReturns(returns: readonly number[], start = 100): Float64Array {
  const eq = new Float64Array(returns.length + 1);
  eq[0] = start;
  returns.forEach((r, i) => {
    eq[i + 1] = eq[i]! * (1 + r);
  });
  return eq;
}

describe("constant growth", () => {
  const g = 0.001;
  const n = 500;
  const returns = Array.from({ length: n - 1 }, () => g);
  const equity = curveFromReturns(returns);

  it("on calendar days: 365 periods, CAGR = (1+g)^365.25 − 1, zero volatility, no drawdown", () => {
    const s = computeStatistics({ timestamps: everyDay(n), equity, trades: [] });
    expect(s.periodsPerYear).toBe(365);
    // CAGR by calendar time (backtesting.py ≥ 0.6.6): (1+g)^(n−1) over (n−1) days = (n−1)/365.25 years.
    expect(s.cagr).toBeCloseTo((1 + g) ** 365.25 - 1, 12);
    expect(s.cagrByPeriods).toBeCloseTo((1 + g) ** 365 - 1, 12);
    expect(s.annualVolatility).toBeLessThan(1e-12);
    expect(s.stdVolatility).toBeLessThan(1e-12);
    expect(s.maxDrawdown).toBe(0);
    expect(s.avgDrawdown).toBeNaN();
    expect(s.maxDrawdownDuration).toBeNaN();
    expect(s.ulcerIndex).toBe(0);
    expect(s.totalReturn).toBeCloseTo((1 + g) ** (n - 1) - 1, 12);
    // The n − 1 returns that exist, all g (backtesting.py ≥ 0.6.6 drops the first, undefined one).
    expect(s.annualReturn).toBeCloseTo((1 + g) ** 365 - 1, 12);
    // Sortino: no period lost → +∞ (backtesting.py divides by a zero downside deviation).
    expect(s.sortinoRatio).toBe(Number.POSITIVE_INFINITY);
    expect(s.winDays).toBe(1);
    expect(s.maxConsecutiveWins).toBe(n - 1);
    expect(s.maxConsecutiveLosses).toBe(0);
    expect(s.expectedDailyReturn).toBeCloseTo(g, 14);
    expect(s.bestDay).toBeCloseTo(g, 14);
    expect(s.worstDay).toBeCloseTo(g, 14);
  });

  it("on weekdays: 252 periods, CAGR by periods = (1+g)^252 − 1, CAGR by calendar days / 365.25", () => {
    const ts = weekdays(n);
    const s = computeStatistics({ timestamps: ts, equity, trades: [] });
    expect(s.periodsPerYear).toBe(252);
    expect(s.cagrByPeriods).toBeCloseTo((1 + g) ** 252 - 1, 12);
    expect(s.annualReturn).toBeCloseTo((1 + g) ** 252 - 1, 12);
    // 499 weekday returns span 697 calendar days (Mon 2021-01-04 → Fri 2022-12-02).
    const days = (ts[n - 1]! - ts[0]!) / DAY;
    expect(days).toBe(697);
    expect(s.cagr).toBeCloseTo((1 + g) ** ((n - 1) / (days / 365.25)) - 1, 12);
    expect(s.expectedYearlyReturn).toBeGreaterThan(0);
  });
});

describe("alternating returns +a, −b", () => {
  const a = 0.02;
  const b = 0.01;
  const m = 200;
  const returns = Array.from({ length: 2 * m }, (_, i) => (i % 2 === 0 ? a : -b));
  const n = returns.length;
  const equity = curveFromReturns(returns);
  const s = computeStatistics({ timestamps: weekdays(n + 1), equity, trades: [] });

  it("arithmetic Sharpe = (a − b)/(a + b) · sqrt((n − 1)/n) · √252", () => {
    const expected = ((a - b) / (a + b)) * Math.sqrt((n - 1) / n) * Math.sqrt(252);
    expect(s.arithmeticSharpeRatio).toBeCloseTo(expected, 10);
  });
  it("win days 1/2, streaks of 1, payoff a/b, period profit factor a/b", () => {
    expect(s.winDays).toBeCloseTo(0.5, 15);
    expect(s.maxConsecutiveWins).toBe(1);
    expect(s.maxConsecutiveLosses).toBe(1);
    expect(s.payoffRatio).toBeCloseTo(a / b, 12);
    expect(s.periodProfitFactor).toBeCloseTo(a / b, 12);
    expect(s.periodKellyCriterion).toBeCloseTo((2 * 0.5 - 0.5) / 2, 12);
  });
  it("drawdowns: each down day is a one-day drawdown of depth −b, recovered the next day", () => {
    expect(s.maxDrawdown).toBeCloseTo(-b, 14);
    expect(s.avgDrawdown).toBeCloseTo(-b, 14);
    expect(s.longestDrawdownDays).toBe(1);
  });
  it("bt.py Sharpe follows its formula: geometric mean over the n returns, compounded volatility", () => {
    const gm = ((1 + a) ** m * (1 - b) ** m) ** (1 / n) - 1;
    const meanR = (a - b) / 2;
    const variance = returns.reduce((acc, r) => acc + (r - meanR) ** 2, 0) / (n - 1);
    const ann = (1 + gm) ** 252 - 1;
    const vol = Math.sqrt((variance + (1 + gm) ** 2) ** 252 - (1 + gm) ** 504);
    expect(s.annualReturn).toBeCloseTo(ann, 12);
    expect(s.annualVolatility).toBeCloseTo(vol, 10);
    expect(s.sharpeRatio).toBeCloseTo(ann / vol, 9);
    // Sortino: downside deviation sqrt(mean(min(r, 0)²)) over the n returns = b/√2, annualized √252.
    expect(s.sortinoRatio).toBeCloseTo(ann / ((b / Math.SQRT2) * Math.sqrt(252)), 9);
  });
});

describe("hand-computed trade list", () => {
  const t0 = MONDAY_2021_01_04;
  const trade = (pnl: number, returnPct: number, entryBar: number, exitBar: number): Trade => ({
    symbol: 0,
    size: 10,
    entryBar,
    exitBar,
    entryPrice: 100,
    exitPrice: 100 * (1 + returnPct),
    entryTime: t0 + entryBar * DAY,
    exitTime: t0 + exitBar * DAY,
    pnl,
    returnPct,
    commission: 1,
  });
  const trades = [
    trade(100, 0.1, 1, 3),
    trade(-50, -0.05, 4, 5),
    trade(200, 0.2, 6, 9),
    trade(-25, -0.025, 10, 11),
  ];
  const equity = curveFromReturns(
    Array.from({ length: 19 }, (_, i) => (i % 3 === 0 ? -0.01 : 0.01)),
  );
  const s = computeStatistics({ timestamps: everyDay(20), equity, trades });

  it("win rate, profit factor, expectancy, SQN, Kelly", () => {
    expect(s.tradeCount).toBe(4);
    expect(s.winRate).toBe(0.5);
    expect(s.profitFactor).toBeCloseTo(0.3 / 0.075, 12); // 4
    expect(s.expectancy).toBeCloseTo(0.05625, 14);
    // √4 · mean(100, −50, 200, −25) / std(…, ddof 1) = 2 · 56.25 / 116.1446…
    expect(s.sqn).toBeCloseTo(0.9686196045011366, 12);
    // W − (1 − W)/(avg win / avg loss) = 0.5 − 0.5 / (150 / 37.5)
    expect(s.kellyCriterion).toBeCloseTo(0.375, 14);
    expect(s.avgTrade).toBeCloseTo(0.051539371416461366, 14);
    expect(s.bestTrade).toBe(0.2);
    expect(s.worstTrade).toBe(-0.05);
    expect(s.maxTradeDuration).toBe(3 * DAY);
    expect(s.avgTradeDuration).toBe(((2 + 1 + 3 + 1) * DAY) / 4);
    // Commissions [$] = Σ commission of the closed trades (4 × 1), backtesting.py ≥ 0.6.5.
    expect(s.commissions).toBe(4);
  });
  it("exposure time counts bars [entryBar, exitBar] of the trades", () => {
    // bars 1–3, 4–5, 6–9, 10–11 → 11 of 20
    expect(s.exposureTime).toBeCloseTo(11 / 20, 15);
  });
  it("an explicit exposure series overrides the trades", () => {
    const exposure = Float64Array.from({ length: 20 }, (_, i) => (i < 5 ? 0.5 : 0));
    const e = computeStatistics({
      timestamps: everyDay(20),
      equity,
      trades,
      exposure,
    });
    expect(e.exposureTime).toBe(0.25);
    expect(e.avgExposure).toBeCloseTo(0.125, 15);
  });
  it("no trades: trade statistics are NaN, the count is 0", () => {
    const e = computeStatistics({ timestamps: everyDay(20), equity, trades: [] });
    expect(e.tradeCount).toBe(0);
    for (const key of [
      "winRate",
      "profitFactor",
      "expectancy",
      "sqn",
      "kellyCriterion",
      "avgTrade",
    ] as const) {
      expect(e[key]).toBeNaN();
    }
  });
});

describe("input checks", () => {
  it("rejects mismatched lengths and an out-of-range risk-free rate", () => {
    const ts = everyDay(3);
    expect(() =>
      computeStatistics({
        timestamps: ts,
        equity: new Float64Array(2),
        trades: [],
      }),
    ).toThrow(/equity has 2 values for 3 timestamps/);
    expect(() =>
      computeStatistics({
        timestamps: ts,
        equity: new Float64Array([1, 1, 1]),
        trades: [],
        riskFreeRate: 2,
      }),
    ).toThrow(/riskFreeRate/);
  });
});

describe("computeCoreStatistics", () => {
  it("returns exactly backtesting.py's keys, equal to the full computation's", async () => {
    const { computeCoreStatistics } = await import("../../../runtime/backtest/stats/index.js");
    const equity = curveFromReturns(Array.from({ length: 99 }, (_, i) => 0.01 * Math.sin(i)));
    const input = { timestamps: weekdays(100), equity, trades: [], closes: equity };
    const core = computeCoreStatistics(input);
    const full = computeStatistics(input);
    expect(Object.keys(core)).toContain("sharpeRatio");
    expect(Object.keys(core)).not.toContain("omegaRatio");
    for (const [key, value] of Object.entries(core))
      expect(full[key as keyof typeof full]).toEqual(value);
  });
});
