import { describe, expect, it } from "vitest";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import { runFuturesBacktest } from "../../../runtime/backtest/derivatives/futures-backtest.js";
import type { FuturesLog } from "../../../runtime/backtest/derivatives/instrument-result.js";
import { futuresSection } from "../../../runtime/backtest/derivatives/instrument-section.js";
import { computeStatistics } from "../../../runtime/backtest/stats/index.js";
import { tinyPanel } from "../tiny-panel.js";
import { randomWalk } from "./random-walk.js";
import { resolved } from "../../support/spec-values.js";

const logOf = (r: { derivatives: unknown }) => r.derivatives as FuturesLog;

/** Multiplier 10, $500/$400 margins, $2 per contract; 10,000 cash buys 10 contracts at 100. */
const future = futuresSection({
  type: "future",
  multiplier: 10,
  initial_margin: 500,
  maintenance_margin: 400,
  fee_per_contract: 2,
});

describe("futures backtest: hand-computed cases", () => {
  // Bar 0 decides w = 1; bar 1 buys trunc(1·10,000/(100·10)) = 10 contracts at the open 100.
  const panel = tinyPanel([{ open: [100, 100, 101, 99], close: [100, 101, 99, 102] }]);
  const ones = [Float64Array.from([1, 1, 1, 1])];

  it("a 3-day position: variation margin each day = contracts · multiplier · Δprice", () => {
    const r = runFuturesBacktest(panel, ones, future, { cash: 10_000 });
    const log = logOf(r);
    expect(Array.from(log.contracts)).toEqual([0, 10, 10, 10]);
    // Day 1: 10·10·(101 − 100) = 100; day 2: 10·10·(99 − 101) = −200; day 3: 10·10·(102 − 99) = 300.
    expect(Array.from(log.variation)).toEqual([0, 100, -200, 300]);
    // The opening fee 10 · $2 = $20 is charged on day 1.
    expect(Array.from(r.equity)).toEqual([10_000, 10_080, 9_880, 10_180]);
    expect(Array.from(r.cash)).toEqual(Array.from(r.equity));
    expect(r.commissions).toBe(20);
    expect(log.fills).toEqual([
      { bar: 1, time: panel.timestamps[1], contract: "S0.H20", contracts: 10, price: 100, fee: 20 },
    ]);
    expect(Array.from(log.initialRequirement)).toEqual([0, 5000, 5000, 5000]);
    expect(Array.from(r.positions[0]!)).toEqual([0, 100, 100, 100]);
    // Exposure: notional 10·10·close over equity.
    expect(r.exposure[3]).toBeCloseTo((100 * 102) / 10_180, 12);
    // The open trip: 100 units bought at 100, marked at 102, less the $20 fee.
    expect(r.openTrades).toHaveLength(1);
    expect(r.openTrades[0]!.pnl).toBeCloseTo(180, 9);
  });

  it("this_close: the decision of bar t trades at t's close, no variation that day", () => {
    const r = runFuturesBacktest(panel, ones, future, { cash: 10_000, fill: "this_close" });
    const log = logOf(r);
    expect(Array.from(log.contracts)).toEqual([10, 10, 10, 10]);
    expect(Array.from(log.variation)).toEqual([0, 100, -200, 300]);
    expect(Array.from(r.equity)).toEqual([9_980, 10_080, 9_880, 10_180]);
  });

  it("a margin call with `deposit`: the top-up to the initial margin is recorded and not counted as return", () => {
    // $900/$800 margins: 10 contracts need 9,000. Close 80 on day 2: −2,000 → 7,980 < 8,000.
    const section = {
      ...future,
      initial_margin: 900,
      maintenance_margin: 800,
      fee_per_contract: 0,
    };
    const p = tinyPanel([{ open: [100, 100, 99, 80], close: [100, 100, 79, 85] }]);
    const r = runFuturesBacktest(p, ones, section, { cash: 10_000 });
    const log = logOf(r);
    expect(Array.from(log.variation)).toEqual([0, 0, -2100, 600]);
    expect(log.marginCalls).toEqual([
      {
        bar: 2,
        time: p.timestamps[2],
        balance: 7900,
        maintenanceRequirement: 8000,
        amount: 1100,
        action: "deposit",
        contracts: 10,
      },
    ]);
    expect(Array.from(log.deposits)).toEqual([0, 0, 1100, 1100]);
    expect(Array.from(log.marginBalance)).toEqual([10_000, 10_000, 9_000, 9_600]);
    // Equity = balance − deposits: the loss stays a loss.
    expect(Array.from(r.equity)).toEqual([10_000, 10_000, 7_900, 8_500]);
    expect(r.riskEvents.map((e) => e.rule)).toEqual(["margin_call"]);
    expect(r.riskEvents[0]!.message).toMatch(/margin call .* deposit 1100\.00/);
    expect(Array.from(log.contracts)).toEqual([0, 10, 10, 10]);
  });

  it("after a deposit, a resize is sized on the strategy's equity, not on the deposited money", () => {
    const section = {
      ...future,
      initial_margin: 900,
      maintenance_margin: 800,
      fee_per_contract: 0,
    };
    // As above (a 1,100 deposit at bar 2's close); bar 3 decides w = 0.55 at the close of 85.
    const p = tinyPanel([{ open: [100, 100, 99, 80, 85], close: [100, 100, 79, 85, 86] }]);
    const w = [Float64Array.from([1, 1, 1, 0.55, 0.55])];
    const r = runFuturesBacktest(p, w, section, { cash: 10_000 });
    const log = logOf(r);
    expect(log.deposits[3]).toBe(1100);
    // Filled at bar 4's open 85: equity 8,500 (balance 9,600 − deposits 1,100) → trunc(0.55·8,500/850) = 5 (on 9,600 it would be 6).
    expect(log.contracts[4]).toBe(5);
  });

  it("a margin call with `liquidate`: contracts closed at the settlement price, fee paid, flat until the weight changes", () => {
    const section = futuresSection({
      ...future,
      initial_margin: 900,
      maintenance_margin: 800,
      on_margin_call: "liquidate",
    });
    const p = tinyPanel([{ open: [100, 100, 99, 80, 85], close: [100, 100, 80, 85, 90] }]);
    const w = [Float64Array.from([1, 1, 1, 0.5, 0.5])];
    const r = runFuturesBacktest(p, w, section, { cash: 10_000 });
    const log = logOf(r);
    // Day 1 buys 10 (fee 20). Day 2: −2,000 → 7,980 < 8,000 → liquidated at 80 (fee 20).
    expect(log.marginCalls).toHaveLength(1);
    expect(log.marginCalls[0]!.action).toBe("liquidate");
    expect(log.contracts[2]).toBe(0);
    expect(r.equity[2]).toBe(10_000 - 20 - 2000 - 20);
    // Day 3: the weight is still 1 (decided at bar 2): no reopening.
    expect(log.contracts[3]).toBe(0);
    expect(r.equity[3]).toBe(7_960);
    // Day 4: the weight changed to 0.5 at bar 3: trunc(0.5·7,960/(85·10)) = 4 contracts at 85.
    expect(log.contracts[4]).toBe(4);
    expect(r.equity[4]).toBe(7_960 - 8 + 4 * 10 * (90 - 85));
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]!.pnl).toBeCloseTo(-2040, 9);
    expect(r.riskEvents[0]!.message).toMatch(/10 contract\(s\) liquidated/);
  });

  it("an order larger than the margin covers is reduced to what it covers", () => {
    // w = 3: trunc(3·10,000/1,000) = 30 contracts wanted; (10,000)/(500 + 2) covers 19.
    const r = runFuturesBacktest(panel, [Float64Array.from([3, 3, 3, 3])], future, {
      cash: 10_000,
    });
    const log = logOf(r);
    expect(log.contracts[1]).toBe(19);
    expect(log.fills[0]!.wanted).toBe(30);
    expect(r.riskEvents[0]).toMatchObject({ rule: "initial_margin", before: [30], after: [19] });
    // 19·502 = 9,538 ≤ 10,000 while 20·502 = 10,040 is not.
    expect(10_000 - 19 * 2).toBeGreaterThanOrEqual(19 * 500);
  });

  it("a roll at the roll date closes and reopens in the next contract, paying the fee on both legs", () => {
    // Daily bars from Mon 2024-03-04; March 2024 expires Fri 2024-03-15; 5 days before = 2024-03-10.
    const closes = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109];
    const p = tinyPanel([{ open: closes, close: closes }], Date.UTC(2024, 2, 4));
    const w = [new Float64Array(closes.length).fill(1)];
    const r = runFuturesBacktest(p, w, future, { cash: 10_000 });
    const log = logOf(r);
    // Bar 1 buys trunc(10,000/(101·10)) = 9 contracts of S0.H24; bar 6 (2024-03-10) rolls into S0.M24.
    expect(log.heldContract.slice(0, 6)).toEqual(Array(6).fill("S0.H24"));
    expect(log.heldContract.slice(6)).toEqual(Array(4).fill("S0.M24"));
    expect(log.rolls).toEqual([
      {
        bar: 6,
        time: Date.UTC(2024, 2, 10),
        from: "S0.H24",
        to: "S0.M24",
        contracts: 9,
        price: 106,
        fees: 36,
      },
    ]);
    // Equity: 10,000 − 18 (open) + 9·10·(close − 101) − 36 from the roll day on.
    for (let i = 1; i < closes.length; i++) {
      const expected = 10_000 - 18 + 90 * (closes[i]! - 101) - (i >= 6 ? 36 : 0);
      expect(r.equity[i]).toBeCloseTo(expected, 9);
    }
    expect(r.commissions).toBe(18 + 36);
    expect(r.costs[6]).toBe(36);
    // The roll keeps one round trip open, charged with the roll's fees.
    expect(r.trades).toHaveLength(0);
    expect(r.openTrades[0]!.commission).toBe(54);
    expect(r.openTrades[0]!.pnl).toBeCloseTo(r.equity[9]! - 10_000, 9);
  });

  it("a roll the balance no longer covers in full reopens only the covered contracts", () => {
    // $900/$800 margins: 10 contracts at 100. By the roll date (bar 6, 2024-03-10) the close is
    // 89: balance 10,000 − 10·10·11 = 8,900 — above maintenance (8,000), below initial (9,000).
    const section = {
      ...future,
      initial_margin: 900,
      maintenance_margin: 800,
      fee_per_contract: 0,
    };
    const c = [100, 100, 97, 95, 92, 89, 89, 90, 91];
    const p = tinyPanel([{ open: c, close: c }], Date.UTC(2024, 2, 4));
    const r = runFuturesBacktest(p, [new Float64Array(c.length).fill(1)], section, {
      cash: 10_000,
    });
    const log = logOf(r);
    expect(log.marginCalls).toHaveLength(0);
    expect(log.rolls).toEqual([
      {
        bar: 6,
        time: Date.UTC(2024, 2, 10),
        from: "S0.H24",
        to: "S0.M24",
        contracts: 9,
        price: 89,
        fees: 0,
      },
    ]);
    expect(Array.from(log.contracts)).toEqual([0, 10, 10, 10, 10, 10, 9, 9, 9]);
    expect(r.riskEvents[0]!.message).toMatch(
      /covers the initial margin of 9 of the 10 contracts rolled from S0\.H24 into S0\.M24/,
    );
    expect(r.equity[8]).toBe(10_000 - 1100 + 9 * 10 * 2);
    const pnl = [...r.trades, ...r.openTrades].reduce((sum, t) => sum + t.pnl, 0);
    expect(pnl).toBeCloseTo(r.equity[8]! - 10_000, 9);
  });

  it("the cost model's price shift moves futures fills", () => {
    const r = runFuturesBacktest(
      panel,
      ones,
      { ...future, fee_per_contract: 0 },
      {
        cash: 10_000,
        costs: createCostModel(
          resolved("backtest/costs", { slippage: { type: "fixed", bps: 10 } }),
        ),
      },
    );
    // Bought at 100.1: variation on day 1 is 100·(101 − 100.1) = 90.
    expect(logOf(r).fills[0]!.price).toBeCloseTo(100.1, 12);
    expect(r.equity[1]).toBeCloseTo(10_090, 9);
    expect(r.frictions).toBeCloseTo(10, 9);
  });
});

describe("futures backtest: invariants, causality and statistics", () => {
  const section = futuresSection({
    ...future,
    multiplier: 5,
    initial_margin: 100,
    maintenance_margin: 90,
    roll: { cycle: "monthly", days_before_expiry: 3 },
  });

  it.each([1, 2, 3])(
    "seed %i: equity moves by m·(n_before·(open − last close) + n·(close − open)) − costs",
    (seed) => {
      const { panel, weights } = randomWalk(seed, 300, { choices: [-4, 0, 1, 4], vol: 0.03 });
      const r = runFuturesBacktest(panel, weights, section, { cash: 10_000 });
      const log = logOf(r);
      const open = panel.open[0]!;
      const close = panel.close[0]!;
      let expected = 10_000;
      for (let i = 0; i < r.equity.length; i++) {
        const before = i > 0 ? log.contracts[i - 1]! : 0;
        const gap = i > 0 ? open[i]! - close[i - 1]! : 0;
        expected += 5 * (before * gap + log.contracts[i]! * (close[i]! - open[i]!)) - r.costs[i]!;
        expect(r.equity[i]).toBeCloseTo(expected, 6);
        // equity = cash (futures carry no value after the daily settlement) = balance − deposits.
        expect(r.equity[i]).toBe(r.cash[i]);
        expect(r.equity[i]).toBeCloseTo(log.marginBalance[i]! - log.deposits[i]!, 9);
        expect(r.symbolPnl[0]![i]).toBeCloseTo(r.equity[i]! - 10_000, 9);
        expect(r.positions[0]![i]).toBe(log.contracts[i]! * 5);
      }
      expect(log.rolls.length).toBeGreaterThan(1); // the walk exercises rolls
      expect(log.deposits[r.equity.length - 1]).toBeGreaterThan(0);
    },
  );

  it.each([1, 2, 3])(
    "seed %i: Σ trade P&L = final equity − cash, with deposits and with liquidations",
    (seed) => {
      const { panel, weights } = randomWalk(seed, 300, { choices: [-4, 0, 1, 4], vol: 0.03 });
      for (const on_margin_call of ["deposit", "liquidate"] as const) {
        const r = runFuturesBacktest(
          panel,
          weights,
          { ...section, on_margin_call },
          { cash: 10_000 },
        );
        const pnl = [...r.trades, ...r.openTrades].reduce((sum, t) => sum + t.pnl, 0);
        expect(pnl).toBeCloseTo(r.equity[r.equity.length - 1]! - 10_000, 6);
        expect(logOf(r).marginCalls.length).toBeGreaterThan(0);
        if (on_margin_call === "liquidate")
          for (const call of logOf(r).marginCalls) expect(logOf(r).contracts[call.bar]).toBe(0);
      }
    },
  );

  it("no look-ahead: perturbing bars after t changes nothing before t", () => {
    const { panel, weights } = randomWalk(7, 200, { shorts: true, vol: 0.03 });
    const base = runFuturesBacktest(panel, weights, section, { cash: 10_000 });
    for (const cut of [40, 97, 150]) {
      const open = panel.open.map((a) => a.slice());
      const close = panel.close.map((a) => a.slice());
      const w = weights.map((a) => a.slice());
      for (let t = cut; t < 200; t++) {
        open[0]![t] = open[0]![t]! * 1.7;
        close[0]![t] = close[0]![t]! * 0.4;
        w[0]![t] = -w[0]![t]! + 1;
      }
      const perturbed = runFuturesBacktest({ ...panel, open, close }, w, section, { cash: 10_000 });
      expect(Array.from(perturbed.equity.subarray(0, cut))).toEqual(
        Array.from(base.equity.subarray(0, cut)),
      );
      expect(Array.from(logOf(perturbed).contracts.subarray(0, cut))).toEqual(
        Array.from(logOf(base).contracts.subarray(0, cut)),
      );
      expect(perturbed.trades.filter((t) => t.exitBar < cut)).toEqual(
        base.trades.filter((t) => t.exitBar < cut),
      );
    }
  });

  it("a fill at bar t's open reads nothing of bar t's close", () => {
    const { panel, weights } = randomWalk(7, 200, { shorts: true, vol: 0.03 });
    const base = runFuturesBacktest(panel, weights, section, { cash: 10_000 });
    for (const fill of logOf(base).fills.slice(0, 8)) {
      const close = panel.close.map((a) => a.slice());
      for (let t = fill.bar; t < 200; t++) close[0]![t] = close[0]![t]! * 1.25;
      const moved = runFuturesBacktest({ ...panel, close }, weights, section, { cash: 10_000 });
      expect(logOf(moved).fills.filter((f) => f.bar <= fill.bar)).toEqual(
        logOf(base).fills.filter((f) => f.bar <= fill.bar),
      );
    }
  });

  it("computeStatistics works on the result unchanged", () => {
    const { panel, weights } = randomWalk(11, 400);
    const r = runFuturesBacktest(panel, weights, section, {
      cash: 10_000,
      range: { start: 50, end: 400 },
    });
    const stats = computeStatistics({
      timestamps: r.timestamps,
      equity: r.equity,
      trades: r.trades,
      exposure: r.exposure,
      closes: panel.close[0]!.subarray(50, 400),
    });
    expect(stats.equityFinal).toBe(r.equity[r.equity.length - 1]);
    expect(Number.isFinite(stats.sharpeRatio)).toBe(true);
    expect(stats.tradeCount).toBe(r.trades.length);
    expect(r.timestamps).toHaveLength(350);
  });
});
