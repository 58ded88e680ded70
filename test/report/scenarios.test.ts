import { describe, expect, it } from "vitest";
import { computeStatistics } from "../../runtime/backtest/stats/index.js";
import { reportMessages } from "../../runtime/messages/report.js";
import {
  backtestRiskReports,
  riskReportsJson,
  scenarioRows,
} from "../../runtime/report/inputs/scenarios.js";
import { historicalVar } from "../../runtime/risk/metrics/value-at-risk.js";
import { simpleReturns } from "../../runtime/stats/returns.js";

const DAY = 86_400_000;
const N = 80;
const times = Float64Array.from({ length: N }, (_, i) => Date.UTC(2020, 0, 1) + i * DAY);
// A close rising 0.5 % a bar with a five-bar crash of −4 % a bar at bars 40–44.
const close = new Float64Array(N);
close[0] = 100;
for (let i = 1; i < N; i++) close[i] = close[i - 1]! * (i >= 40 && i < 45 ? 0.96 : 1.005);
/** 50 units and 5,000 in cash: about half invested. */
const units = Float64Array.from({ length: N }, () => 50);
const equity = Float64Array.from(close, (c) => 5000 + 50 * c);
/** Buy-and-hold: 100 units, no cash. */
const benchUnits = Float64Array.from({ length: N }, () => 100);
const benchEquity = Float64Array.from(close, (c) => 100 * c);

const stats = computeStatistics({ timestamps: times, equity, trades: [] });
const reports = backtestRiskReports({
  strategy: { timestamps: times, equity, positions: [units], statistics: stats },
  benchmark: { equity: benchEquity, positions: [benchUnits] },
  closes: [close],
});
const rows = scenarioRows(reports, benchEquity);
const m = reportMessages.scenarios;

describe("scenario analysis from the risk report", () => {
  it("lists the worst windows with the benchmark over the same bars", () => {
    const windows = rows.filter((r) => r.group === m.groupStress());
    expect(windows).toHaveLength(3);
    const worst = reports.strategy.stress.worstWindows[0]!;
    // The crash is inside the worst 20-bar window.
    expect(worst.start).toBeLessThanOrEqual(40);
    expect(worst.end).toBeGreaterThanOrEqual(44);
    expect(windows[0]!.strategy).toBeCloseTo(equity[worst.end]! / equity[worst.start - 1]! - 1, 12);
    expect(windows[0]!.benchmark).toBeCloseTo(close[worst.end]! / close[worst.start - 1]! - 1, 12);
    expect(windows[0]!.scenario).toContain("worst 20-bar window 2020-");
  });

  it("shocks the last bar's held weights (units × close / equity)", () => {
    const w = (50 * close[N - 1]!) / equity[N - 1]!;
    const shocks = rows.filter((r) => r.group === m.groupPriceShock());
    expect(shocks.map((r) => r.strategy)).toEqual(
      [-0.05 * w, -0.1 * w, -0.2 * w].map((x) => expect.closeTo(x, 12)),
    );
    expect(shocks.map((r) => r.benchmark)).toEqual(
      [-0.05, -0.1, -0.2].map((x) => expect.closeTo(x, 12)),
    );
  });

  it("shows VaR and CVaR as the (negative) return at the tail", () => {
    const returns = simpleReturns(equity);
    const h = historicalVar(returns, 0.05);
    const var95 = rows.find((r) => r.scenario === m.historicalVar(0.95))!;
    const cvar95 = rows.find((r) => r.scenario === m.historicalCvar(0.95))!;
    expect(var95.strategy).toBeCloseTo(-h.var, 12);
    expect(cvar95.strategy).toBeCloseTo(-h.cvar, 12);
    expect(var95.benchmark).toBeCloseTo(-historicalVar(simpleReturns(benchEquity), 0.05).var, 12);
    expect(rows.filter((r) => r.group === m.groupVolatility()).map((r) => r.scenario)).toEqual([
      m.volatilityShock(1.5, 0.95),
      m.volatilityShock(2, 0.95),
      m.volatilityShock(3, 0.95),
    ]);
  });

  it("has no replays or shocks without closes, and writes plain JSON", () => {
    const bare = backtestRiskReports({
      strategy: { timestamps: times, equity, positions: [units], statistics: stats },
    });
    expect(bare.strategy.stress.priceShocks).toEqual([]);
    expect(scenarioRows(bare).some((r) => r.benchmark !== undefined)).toBe(false);
    const json = JSON.parse(JSON.stringify(riskReportsJson(reports))) as {
      strategy: { beta: { window: number; series?: unknown } };
    };
    expect(json.strategy.beta.window).toBe(63);
    expect(json.strategy.beta.series).toBeUndefined();
  });
});
