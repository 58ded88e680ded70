/**
 * backtesting.py ≥ 0.6.5 trade conventions (backtesting/backtesting.py
 * `Trade.pl_pct`, backtesting/_stats.py `Commissions [$]`), hand-computed:
 * - a trade's return is net of the commissions of both legs:
 *     returnPct = sign(size)·(exit/entry − 1) − commission / (|size|·entry);
 * - `Commissions [$]` sums the commissions of the CLOSED trades (an open
 *   trade's entry fee is in the equity, not in the statistic).
 */
import { describe, expect, it } from "vitest";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import { runEventBacktest } from "../../../runtime/backtest/event/run-event-backtest.js";
import { netTradeReturn } from "../../../runtime/backtest/stats/trade-return.js";
import { runVectorized } from "../../../runtime/backtest/vectorized/engine.js";
import { computeStatistics } from "../../../runtime/index.js";
import { resolved } from "../../support/spec-values.js";
import { Scripted, type Step } from "../event/scripted.js";
import { tinyPanel } from "../tiny-panel.js";

//            bar:   0     1     2     3     4     5
const open = [10, 11, 12, 11.4, 14, 15];
const close = [10.5, 11.5, 11.5, 11.5, 14.5, 13.0];
const panel = tinyPanel([{ open, close }]);
const onePercent = () => createCostModel(resolved("backtest/costs", { commission: 0.01 }));

function runEvent(steps: Record<number, Step>) {
  return runEventBacktest(panel, Scripted, { params: { steps }, cash: 1000, costs: onePercent() });
}

describe("netTradeReturn", () => {
  it("is the price return in the trade's direction minus commissions over the entry value", () => {
    // long 10 @ 100 → 110, 21 paid: 0.10 − 21 / 1000
    expect(netTradeReturn(10, 100, 110, 21)).toBeCloseTo(0.079, 15);
    // short 10 @ 100 → 90, 19 paid: 0.10 − 19 / 1000
    expect(netTradeReturn(-10, 100, 90, 19)).toBeCloseTo(0.081, 15);
    expect(netTradeReturn(10, 100, 110, 0)).toBeCloseTo(0.1, 15);
    expect(netTradeReturn(0, 100, 110, 1)).toBe(0);
  });
});

describe("event-driven engine: per-fill commission of 1 %", () => {
  it("a long round trip: return = 14/12 − 1 − (1.2 + 1.4)/120 = 17.4/120", () => {
    // buy 10 at bar 2's open 12 (fee 1.2), close at bar 4's open 14 (fee 1.4).
    const r = runEvent({ 1: (s) => s.buy({ size: 10 }), 3: (s) => s.position.close() });
    const t = r.trades[0]!;
    expect(t.commission).toBeCloseTo(2.6, 12);
    expect(t.pnl).toBeCloseTo(20 - 2.6, 12);
    expect(t.returnPct).toBeCloseTo(17.4 / 120, 12); // gross 1/6 before 0.6.5
    // backtesting.py's identity: pnl = returnPct · |size| · entry.
    expect(t.returnPct * 10 * 12).toBeCloseTo(t.pnl, 10);
  });

  it("a short round trip: return = −(14/12 − 1) − 2.6/120", () => {
    const r = runEvent({ 1: (s) => s.sell({ size: 10 }), 3: (s) => s.position.close() });
    const t = r.trades[0]!;
    expect(t.pnl).toBeCloseTo(-20 - 2.6, 12);
    expect(t.returnPct).toBeCloseTo(-22.6 / 120, 12);
  });

  it("statistics: trade figures use the net return; Commissions [$] counts closed trades only", () => {
    // Closed: 10 @ 12 → 14 (fees 1.2 + 1.4). Still open at the end: 10 @ 15 (entry fee 1.5).
    const r = runEvent({
      1: (s) => s.buy({ size: 10 }),
      3: (s) => s.position.close(),
      4: (s) => s.buy({ size: 10 }),
    });
    expect(r.openTrades).toHaveLength(1);
    expect(r.commissions).toBeCloseTo(2.6 + 1.5, 12); // everything the broker charged
    const s = computeStatistics({
      timestamps: panel.timestamps,
      equity: r.equity,
      trades: r.trades,
      closes: panel.close[0]!,
    });
    expect(s.commissions).toBeCloseTo(2.6, 12);
    expect(s.bestTrade).toBeCloseTo(17.4 / 120, 12);
    expect(s.expectancy).toBeCloseTo(17.4 / 120, 12);
    expect(s.avgTrade).toBeCloseTo(17.4 / 120, 12);
  });
});

describe("vectorized engine: per-fill commission of 1 %", () => {
  it("a round trip: return = 12/11 − 1 − 0.01·(11 + 12)/11 = 0.77/11", () => {
    const p = tinyPanel([{ open: [10, 11, 12, 13], close: [10.5, 11.5, 12.5, 13.5] }]);
    const r = runVectorized(p, [Float64Array.from([1, 0, 0, 0])], {
      cash: 1000,
      costs: onePercent(),
    });
    // buy 1000/11 units at bar 1's open 11, sell them at bar 2's open 12.
    const units = 1000 / 11;
    const t = r.trades[0]!;
    expect(t.commission).toBeCloseTo(0.01 * units * (11 + 12), 9);
    expect(t.returnPct).toBeCloseTo(0.77 / 11, 12);
    expect(t.returnPct * units * 11).toBeCloseTo(t.pnl, 9);
  });
});
