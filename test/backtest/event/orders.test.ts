/** Hand-computed cases for every order type and cost of the event-driven engine. */
import { describe, expect, it } from "vitest";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import {
  type EventBacktestOptions,
  runEventBacktest,
} from "../../../runtime/backtest/event/run-event-backtest.js";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";
import { tinyPanel } from "../tiny-panel.js";
import { Scripted, type Step } from "./scripted.js";
import { resolved } from "../../support/spec-values.js";
import { sectionDefaults } from "../../../runtime/spec/section-defaults.js";

//            bar:   0     1     2     3     4     5
const open = [10, 11, 12, 11.4, 14, 15];
const high = [10.6, 11.8, 12.6, 11.6, 14.8, 15.5];
const low = [9.8, 10.9, 11.2, 10.9, 13.9, 12.0];
const close = [10.5, 11.5, 11.5, 11.5, 14.5, 13.0];
const panel = tinyPanel([{ open, high, low, close, volume: [100, 100, 100, 100, 100, 100] }]);

function run(
  steps: Record<number, Step>,
  extra: Partial<EventBacktestOptions<never>> = {},
  p: OhlcvPanel = panel,
) {
  return runEventBacktest(p, Scripted, {
    params: { steps },
    cash: 1000,
    costs: createCostModel(sectionDefaults("backtest/costs")),
    ...extra,
  });
}

function checkInvariant(r: ReturnType<typeof run>, p: OhlcvPanel = panel) {
  for (let t = 0; t < r.equity.length; t++) {
    let marked = r.cash[t]!;
    for (let s = 0; s < p.symbols.length; s++) marked += r.positions[s]![t]! * p.close[s]![t]!;
    expect(r.equity[t]).toBeCloseTo(marked, 9);
  }
}

describe("market orders", () => {
  it("fill at the next open by default", () => {
    const r = run({ 1: (s) => s.buy({ size: 10 }) });
    expect(r.positions[0]![1]).toBe(0);
    expect(r.positions[0]![2]).toBe(10);
    expect(r.cash[2]).toBeCloseTo(1000 - 10 * 12, 12);
    expect(r.equity[2]).toBeCloseTo(1000 + 10 * (11.5 - 12), 12);
    expect(r.openTrades[0]!.entryBar).toBe(2);
    checkInvariant(r);
  });

  it("fill at this close with fill: this_close", () => {
    const r = run({ 1: (s) => s.buy({ size: 10 }) }, { fill: "this_close" });
    expect(r.openTrades[0]!.entryPrice).toBe(11.5);
    expect(r.openTrades[0]!.entryBar).toBe(1);
  });

  it("default size uses all available cash in whole units", () => {
    const r = run({ 1: (s) => s.buy() });
    expect(r.positions[0]![2]).toBe(Math.floor(1000 / 12));
  });

  it("a round trip: P&L and return of the closed trade", () => {
    const r = run({ 1: (s) => s.buy({ size: 10 }), 3: (s) => s.position.close() });
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0]!;
    expect([t.entryBar, t.exitBar, t.entryPrice, t.exitPrice]).toEqual([2, 4, 12, 14]);
    expect(t.pnl).toBeCloseTo(20, 12);
    expect(t.returnPct).toBeCloseTo(14 / 12 - 1, 12);
    expect(r.equity[5]).toBeCloseTo(1020, 12);
  });
});

describe("limit, stop and stop-limit orders", () => {
  it("a buy limit waits until the low reaches it and fills at min(open, limit)", () => {
    const r = run({ 1: (s) => s.buy({ size: 5, limit: 11 }) });
    // bar 2: low 11.2 > 11 → no fill; bar 3: low 10.9 ≤ 11, open 11.4 → fills at 11.
    expect(r.openTrades[0]!.entryBar).toBe(3);
    expect(r.openTrades[0]!.entryPrice).toBe(11);
  });

  it("a buy limit above the open fills at the open", () => {
    const r = run({ 2: (s) => s.buy({ size: 5, limit: 12 }) });
    expect(r.openTrades[0]!.entryPrice).toBe(11.4);
  });

  it("a sell limit fills at max(open, limit) once the high reaches it", () => {
    const r = run({ 1: (s) => s.sell({ size: 5, limit: 14.5 }) });
    expect(r.openTrades[0]!.entryBar).toBe(4);
    expect(r.openTrades[0]!.entryPrice).toBe(14.5);
    expect(r.openTrades[0]!.size).toBe(-5);
  });

  it("a buy stop fills at max(open, stop) once the high reaches it", () => {
    const r = run({ 1: (s) => s.buy({ size: 5, stop: 12.5 }) });
    // bar 2: high 12.6 ≥ 12.5 and open 12 below it → fills at the stop.
    expect(r.openTrades[0]!.entryBar).toBe(2);
    expect(r.openTrades[0]!.entryPrice).toBe(12.5);
    const gap = run({ 2: (s) => s.buy({ size: 5, stop: 13 }) });
    // bar 3 high 11.6 < 13; bar 4 opens at 14 above the stop → fills at the open.
    expect(gap.openTrades[0]!.entryBar).toBe(4);
    expect(gap.openTrades[0]!.entryPrice).toBe(14);
  });

  it("a sell stop fills at min(open, stop)", () => {
    const r = run({ 4: (s) => s.sell({ size: 5, stop: 13 }) });
    expect(r.openTrades[0]!.entryBar).toBe(5);
    expect(r.openTrades[0]!.entryPrice).toBe(13);
  });

  it("a stop-limit becomes a limit order when the stop is touched, at the stop price", () => {
    const r = run({ 1: (s) => s.buy({ size: 5, stop: 12.2, limit: 12.4 }) });
    expect(r.openTrades[0]!.entryBar).toBe(2);
    expect(r.openTrades[0]!.entryPrice).toBe(12.2);
  });

  it("a stop-limit whose limit was hit before the stop waits", () => {
    // stop 12.5 (hit on bar 2: high 12.6) with limit 11 below it: on bar 2 the limit
    // (low 11.2) is not reached; bar 3 low 10.9 reaches it → fills at 11.
    const r = run({ 1: (s) => s.buy({ size: 5, stop: 12.5, limit: 11 }) });
    expect(r.openTrades[0]!.entryBar).toBe(3);
    expect(r.openTrades[0]!.entryPrice).toBe(11);
  });
});

describe("stop-loss, take-profit and trailing stops", () => {
  it("stop-loss exits at min(open, sl)", () => {
    const r = run({
      3: (s) => s.buy({ size: 5 }),
      4: (s) => s.setStopLoss(s.trades[0]!, 12.5),
    });
    // entry bar 4 at 14; SL set after bar 4; bar 5 low 12 ≤ 12.5, open 15 → exit 12.5.
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]!.exitBar).toBe(5);
    expect(r.trades[0]!.exitPrice).toBe(12.5);
  });

  it("take-profit exits at max(open, tp)", () => {
    const r = run({ 3: (s) => s.buy({ size: 5, tp: 15.2 }) });
    expect(r.trades[0]!.exitBar).toBe(5);
    expect(r.trades[0]!.exitPrice).toBe(15.2);
  });

  it("SL can hit on the entry bar of a market order", () => {
    const r = run({ 1: (s) => s.buy({ size: 5, sl: 11.3 }) });
    // entry at bar 2 open 12, low 11.2 ≤ 11.3 → exit same bar at 11.3.
    expect(r.trades[0]!.entryBar).toBe(2);
    expect(r.trades[0]!.exitBar).toBe(2);
    expect(r.trades[0]!.exitPrice).toBe(11.3);
  });

  it("when SL and TP are both inside one bar, the SL wins (pessimistic)", () => {
    const r = run({ 4: (s) => s.buy({ size: 5, sl: 12.5, tp: 15.4 }) });
    expect(r.trades[0]!.exitPrice).toBe(12.5);
  });

  it("a short's SL is above and TP below", () => {
    const r = run({ 4: (s) => s.sell({ size: 5, sl: 15.6, tp: 12.5 }) });
    // entry bar 5 at 15 short; high 15.5 < SL; low 12 ≤ TP 12.5 → exit at 12.5 on the entry bar.
    expect(r.trades[0]!.exitBar).toBe(5);
    expect(r.trades[0]!.exitPrice).toBe(12.5);
    expect(r.trades[0]!.pnl).toBeCloseTo(5 * 2.5, 12);
    expect(() => run({ 3: (s) => s.sell({ size: 5, sl: 10, tp: 20 }) })).toThrow(
      /short orders need/,
    );
    expect(() => run({ 3: (s) => s.buy({ size: 5, sl: 12.5 }) })).toThrow(/long orders need/);
  });

  it("a trailing stop follows the close up and exits when touched", () => {
    const up = tinyPanel([
      {
        open: [10, 10, 11, 12, 13, 12],
        high: [10, 10.5, 11.5, 12.5, 13.5, 12.2],
        low: [10, 9.9, 10.9, 11.9, 12.9, 11.0],
        close: [10, 10.2, 11.2, 12.2, 13.2, 11.5],
      },
    ]);
    const r = run({ 1: (s) => s.buy({ size: 1, trailPercent: 0.1 }) }, {}, up);
    // entry bar 2 at 11; stop after bar 4's close = 13.2 × 0.9 = 11.88; bar 5 low 11.0 → exit at min(12, 11.88).
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]!.exitBar).toBe(5);
    expect(r.trades[0]!.exitPrice).toBeCloseTo(11.88, 12);
  });
});

describe("costs in the event-driven engine", () => {
  it("per-fill commission with fixed part and minimum on both legs", () => {
    const costs = createCostModel(
      resolved("backtest/costs", {
        commission: 0.01,
        commission_per_order: 1,
        commission_minimum: 2.5,
      }),
    );
    const r = run({ 1: (s) => s.buy({ size: 10 }), 3: (s) => s.position.close() }, { costs });
    // entry 10 × 12: max(2.5, 1.2 + 1) = 2.5; exit 10 × 14: max(2.5, 1.4 + 1) = 2.5.
    expect(r.commissions).toBeCloseTo(5, 12);
    expect(r.trades[0]!.pnl).toBeCloseTo(20 - 5, 12);
    expect(r.equity[5]).toBeCloseTo(1015, 12);
    checkInvariant(r);
  });

  it("spread: each leg pays half the quoted spread", () => {
    const costs = createCostModel(resolved("backtest/costs", { spread_bps: 100 }));
    const r = run({ 1: (s) => s.buy({ size: 10 }), 3: (s) => s.position.close() }, { costs });
    expect(r.trades[0]!.entryPrice).toBeCloseTo(12 * 1.005, 12);
    expect(r.trades[0]!.exitPrice).toBeCloseTo(14 * 0.995, 12);
    expect(r.trades[0]!.pnl).toBeCloseTo(10 * (14 * 0.995 - 12 * 1.005), 10);
  });

  it("fixed slippage and proportional sizing include the costs", () => {
    const costs = createCostModel(
      resolved("backtest/costs", { commission: 0.01, slippage: { type: "fixed", bps: 50 } }),
    );
    const r = run({ 1: (s) => s.buy() }, { costs });
    // per unit: 12 × 1.005 + 0.01 × 12 → floor(1000 / 12.18) = 82 units.
    expect(r.positions[0]![2]).toBe(
      Math.floor((1000 * (1 - Number.EPSILON)) / (12 * 1.005 + 0.12)),
    );
  });

  it("shorts pay borrow per calendar day", () => {
    const costs = createCostModel(resolved("backtest/costs", { borrow_rate: 0.365 }));
    const r = run({ 1: (s) => s.sell({ size: 10 }) }, { costs });
    // short from bar 2's open; each night held (bars 2→3, 3→4, 4→5) accrues 0.1 % of
    // the short value at the previous close.
    const fees = 0.001 * 10 * (11.5 + 11.5 + 14.5);
    expect(r.equity[5]).toBeCloseTo(1000 + 10 * (12 - 13.0) - fees, 10);
    checkInvariant(r);
  });
});

describe("broker rules", () => {
  it("margin 0.5 doubles the buying power", () => {
    const r = run({ 1: (s) => s.buy() }, { margin: 0.5 });
    expect(r.positions[0]![2]).toBe(Math.floor((2000 * (1 - Number.EPSILON)) / 12));
    checkInvariant(r);
  });

  it("an order larger than the available margin is cancelled", () => {
    const r = run({ 1: (s) => s.buy({ size: 1000 }) });
    expect(r.positions[0]![2]).toBe(0);
    expect(r.openTrades).toHaveLength(0);
  });

  it("exclusive orders: a new order closes the position first", () => {
    const r = run(
      { 1: (s) => s.buy({ size: 2 }), 2: (s) => s.sell({ size: 3 }) },
      { exclusiveOrders: true },
    );
    expect(r.trades).toHaveLength(1);
    expect(r.openTrades).toHaveLength(1);
    expect(r.openTrades[0]!.size).toBe(-3);
  });

  it("without exclusive orders, an opposite order nets FIFO", () => {
    const r = run({ 1: (s) => s.buy({ size: 2 }), 2: (s) => s.sell({ size: 1 }) });
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]!.size).toBe(1);
    expect(r.positions[0]![3]).toBe(1);
  });

  it("hedging keeps long and short trades side by side", () => {
    const r = run(
      { 1: (s) => s.buy({ size: 2 }), 2: (s) => s.sell({ size: 1 }) },
      { hedging: true },
    );
    expect(r.trades).toHaveLength(0);
    expect(r.openTrades).toHaveLength(2);
    expect(r.positions[0]![3]).toBe(1);
  });

  it("volume participation fills partially across bars", () => {
    const r = run({ 1: (s) => s.buy({ size: 25 }) }, { maxParticipation: 0.1 });
    // volume 100 per bar, 10 % → 10, 10, 5 units on bars 2, 3, 4.
    expect(Array.from(r.positions[0]!).slice(0, 5)).toEqual([0, 0, 10, 20, 25]);
    expect(r.openTrades.map((t) => t.entryPrice)).toEqual([12, 11.4, 14]);
  });

  it("finalizeTrades closes the open trade at the last close", () => {
    const r = run({ 1: (s) => s.buy({ size: 10 }) }, { finalizeTrades: true });
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]!.exitPrice).toBe(13);
    expect(r.openTrades).toHaveLength(0);
  });

  it("cancelling a pending order", () => {
    const r = run({ 1: (s) => s.buy({ size: 5, limit: 5 }), 2: (s) => s.cancel(s.orders[0]!) });
    expect(r.openTrades).toHaveLength(0);
  });
});

describe("multi-asset portfolio with shared cash", () => {
  it("two symbols share one account", () => {
    const two = tinyPanel([
      { open, high, low, close },
      { open: open.map((x) => x * 2), close: close.map((x) => x * 2) },
    ]);
    const r = run(
      {
        1: (s) => {
          s.buy({ size: 10, symbol: 0 });
          s.buy({ size: 10, symbol: "S1" });
        },
      },
      {},
      two,
    );
    expect(r.positions[0]![2]).toBe(10);
    expect(r.positions[1]![2]).toBe(10);
    expect(r.cash[2]).toBeCloseTo(1000 - 120 - 240, 12);
    checkInvariant(r, two);
    // The second order no longer fits once the first used the cash.
    const tight = run(
      {
        1: (s) => {
          s.buy({ size: 0.9, symbol: 0 });
          s.buy({ size: 0.9, symbol: 1 });
        },
      },
      {},
      two,
    );
    expect(tight.positions[0]![2]).toBe(Math.floor((900 * 1) / 12));
    expect(tight.positions[1]![2]).toBe(Math.floor(((1000 - 75 * 12) * 0.9) / 24));
  });
});
