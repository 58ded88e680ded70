import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import { runVectorized } from "../../../runtime/backtest/vectorized/engine.js";
import { tinyPanel } from "../tiny-panel.js";
import { resolved } from "../../support/spec-values.js";
import { sectionDefaults } from "../../../runtime/spec/section-defaults.js";

const panel = tinyPanel([{ open: [10, 11, 12, 13], close: [10.5, 11.5, 12.5, 13.5] }]);
const ones = [Float64Array.from([1, 1, 1, 1])];

describe("vectorized engine: hand-computed cases", () => {
  it("next-open fills with a 1% commission", () => {
    const r = runVectorized(panel, ones, {
      cash: 1000,
      rebalance: "every_bar",
      costs: createCostModel(resolved("backtest/costs", { commission: 0.01 })),
    });
    // bar 0: flat. bar 1: buy 1000/11 units at 11, pay 1% of 1000.
    const u1 = 1000 / 11;
    const cash1 = 1000 - u1 * 11 - 0.01 * u1 * 11;
    expect(r.equity[0]).toBe(1000);
    expect(r.cash[1]).toBeCloseTo(cash1, 9);
    expect(r.equity[1]).toBeCloseTo(cash1 + u1 * 11.5, 9);
    // bar 2: rebalance to 100% of equity valued at open 12.
    const eqOpen2 = cash1 + u1 * 12;
    const u2 = eqOpen2 / 12;
    const cash2 = cash1 - (u2 - u1) * 12 - 0.01 * Math.abs(u2 - u1) * 12;
    expect(r.positions[0]![2]).toBeCloseTo(u2, 9);
    expect(r.equity[2]).toBeCloseTo(cash2 + u2 * 12.5, 9);
    expect(r.commissions).toBeGreaterThan(10);
    expect(r.trades).toHaveLength(0);
    expect(r.openTrades).toHaveLength(1);
  });

  it("this-close fills trade at the decision bar's close", () => {
    const r = runVectorized(panel, ones, {
      cash: 1000,
      fill: "this_close",
      costs: createCostModel(sectionDefaults("backtest/costs")),
    });
    expect(r.positions[0]![0]).toBeCloseTo(1000 / 10.5, 12);
    expect(r.equity[3]).toBeCloseTo((1000 / 10.5) * 13.5, 9);
  });

  it("a long round trip becomes one trade with both legs' costs", () => {
    const w = [Float64Array.from([1, 0, 0, 0])];
    const r = runVectorized(panel, w, {
      cash: 1000,
      costs: createCostModel(resolved("backtest/costs", { commission: 0.01, spread_bps: 100 })),
    });
    // buy at bar 1's open 11 + half spread 0.055; sell at bar 2's open 12 - 0.06.
    const buyPrice = 11 * 1.005;
    const units = 1000 / 11;
    const sellPrice = 12 * 0.995;
    const fees = 0.01 * units * 11 + 0.01 * units * 12;
    const cash = 1000 - units * buyPrice + units * sellPrice - fees;
    expect(r.trades).toHaveLength(1);
    const trade = r.trades[0]!;
    expect(trade.entryBar).toBe(1);
    expect(trade.exitBar).toBe(2);
    expect(trade.entryPrice).toBeCloseTo(buyPrice, 12);
    expect(trade.exitPrice).toBeCloseTo(sellPrice, 12);
    expect(trade.pnl).toBeCloseTo(cash - 1000, 9);
    expect(r.equity[3]).toBeCloseTo(cash, 9);
    expect(r.commissions).toBeCloseTo(fees, 9);
  });

  it("a short position pays borrow for calendar time", () => {
    const w = [Float64Array.from([-0.5, -0.5, -0.5, -0.5])];
    const r = runVectorized(panel, w, {
      cash: 1000,
      rebalance: "every_bar",
      costs: createCostModel(resolved("backtest/costs", { borrow_rate: 0.365 })),
    });
    const u = -500 / 11;
    // opened at bar 1's open: no borrow yet
    const cash1 = 1000 - u * 11;
    expect(r.cash[1]).toBeCloseTo(cash1, 9);
    // bar 2: one night at 36.5%/365 = 0.1% of the short value at bar 1's close,
    // then the rebalance to -50% of equity at bar 2's open.
    const cashAfterBorrow = cash1 - 0.001 * -u * 11.5;
    const eqOpen2 = cashAfterBorrow + u * 12;
    const u2 = (-0.5 * eqOpen2) / 12;
    expect(r.cash[2]).toBeCloseTo(cashAfterBorrow - (u2 - u) * 12, 9);
    expect(r.equity[2]).toBeCloseTo(cashAfterBorrow - (u2 - u) * 12 + u2 * 12.5, 9);
  });

  it("on_change (default) holds units while the target is unchanged", () => {
    const r = runVectorized(panel, ones, {
      cash: 1000,
      costs: createCostModel(resolved("backtest/costs", { commission: 0.01 })),
    });
    const u1 = 1000 / 11;
    expect(Array.from(r.positions[0]!)).toEqual([0, u1, u1, u1]);
    expect(r.commissions).toBeCloseTo(0.01 * 1000, 9);
  });

  it("integer units and units targets", () => {
    const r = runVectorized(panel, [Float64Array.from([7, 7, -3, -3])], {
      cash: 1000,
      targetKind: "units",
      costs: createCostModel(sectionDefaults("backtest/costs")),
    });
    expect(Array.from(r.positions[0]!)).toEqual([0, 7, 7, -3]);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]!.pnl).toBeCloseTo(7 * (13 - 11), 12);
    const int = runVectorized(panel, ones, {
      cash: 1000,
      integerUnits: true,
      costs: createCostModel(sectionDefaults("backtest/costs")),
    });
    expect(int.positions[0]![1]).toBe(90);
  });
});

describe("vectorized engine: invariants", () => {
  const arb = fc.record({
    n: fc.integer({ min: 3, max: 40 }),
    seed: fc.integer({ min: 1, max: 1e6 }),
    fill: fc.constantFrom("next_open" as const, "this_close" as const),
  });
  const make = (n: number, seed: number) => {
    let x = seed;
    const rnd = () => {
      x = (x * 16807) % 2147483647;
      return x / 2147483647;
    };
    const series = [0, 1].map(() => {
      const close: number[] = [];
      const open: number[] = [];
      let p = 50 + 50 * rnd();
      for (let t = 0; t < n; t++) {
        open.push(p * (1 + 0.02 * (rnd() - 0.5)));
        p *= 1 + 0.05 * (rnd() - 0.5);
        close.push(p);
      }
      return { open, close, volume: close.map(() => 1e5 + 1e5 * rnd()) };
    });
    const weights = [0, 1].map(() => Float64Array.from({ length: n }, () => 2 * rnd() - 1));
    return { panel: tinyPanel(series), weights };
  };

  it("equity = cash + marked positions at every bar, costs only lower equity", () => {
    fc.assert(
      fc.property(arb, ({ n, seed, fill }) => {
        const { panel, weights } = make(n, seed);
        const costs = createCostModel(
          resolved("backtest/costs", {
            commission: 0.001,
            commission_per_order: 0.5,
            spread_bps: 3,
            slippage: { type: "volatility", multiplier: 0.2, window: 5 },
            impact: { type: "square_root", coefficient: 0.1, window: 5 },
            borrow_rate: 0.03,
          }),
          panel,
        );
        const r = runVectorized(panel, weights, { cash: 10_000, costs, fill });
        const free = runVectorized(panel, weights, {
          cash: 10_000,
          costs: createCostModel(sectionDefaults("backtest/costs")),
          fill,
        });
        for (let t = 0; t < n; t++) {
          let marked = r.cash[t]!;
          for (let s = 0; s < 2; s++) marked += r.positions[s]![t]! * panel.close[s]![t]!;
          expect(r.equity[t]).toBeCloseTo(marked, 6);
          // Per-asset P&L adds up to the portfolio's.
          expect(r.symbolPnl[0]![t]! + r.symbolPnl[1]![t]!).toBeCloseTo(r.equity[t]! - 10_000, 6);
        }
        expect(r.equity[0]).toBeLessThanOrEqual(free.equity[0]! + 1e-9);
        const totalCosts = r.costs.reduce((a, b) => a + b, 0);
        expect(totalCosts).toBeCloseTo(r.commissions + r.frictions, 6);
      }),
      { numRuns: 60 },
    );
  });

  it("no look-ahead: changing bars after t leaves equity up to t unchanged", () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 1000 }), ({ n, seed, fill }, cut) => {
        const { panel, weights } = make(n, seed);
        const t = cut % (n - 1);
        const costs = createCostModel(
          resolved("backtest/costs", {
            commission: 0.002,
            slippage: { type: "volatility", multiplier: 0.3, window: 3 },
          }),
          panel,
        );
        const base = runVectorized(panel, weights, { cash: 10_000, costs, fill });
        // Perturb every price after t and every decision after t (a decision at t may move t+1 only).
        const perturbed = structuredClone(panel);
        for (const field of [
          perturbed.open,
          perturbed.high,
          perturbed.low,
          perturbed.close,
          perturbed.volume,
        ]) {
          for (const col of field) for (let k = t + 1; k < n; k++) col[k] = col[k]! * 1.37 + 1;
        }
        const w2 = weights.map((w) => w.map((v, k) => (k > t ? -v : v)));
        const costs2 = createCostModel(
          resolved("backtest/costs", {
            commission: 0.002,
            slippage: { type: "volatility", multiplier: 0.3, window: 3 },
          }),
          perturbed,
        );
        const other = runVectorized(perturbed, w2, { cash: 10_000, costs: costs2, fill });
        for (let k = 0; k <= t; k++) expect(other.equity[k]).toBe(base.equity[k]);
      }),
      { numRuns: 60 },
    );
  });
});

describe("floating-point dust", () => {
  it("treats a target of a few 1e-17 of equity as flat: no trade, no position", async () => {
    const { runVectorized } = await import("../../../runtime/backtest/vectorized/engine.js");
    const { createCostModel } = await import("../../../runtime/backtest/costs/index.js");
    const n = 6;
    const close = Float64Array.from({ length: n }, (_, i) => 100 + i);
    const panel = {
      timestamps: Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1 + i)),
      symbols: ["X"],
      open: [close],
      high: [close],
      low: [close],
      close: [close],
      volume: [new Float64Array(n)],
    };
    const weights = [Float64Array.from([1, 1, -3e-17, -3e-17, 1, 1])];
    const result = runVectorized(panel, weights, {
      cash: 10_000,
      costs: createCostModel(resolved("backtest/costs", { commission: 0.001 })),
    });
    expect(result.trades.every((t) => Math.abs(t.size) > 1)).toBe(true);
    expect(result.positions[0]![3]).toBe(0);
  });
});
