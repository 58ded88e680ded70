import { describe, expect, it } from "vitest";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import { resolved, withDefaults } from "../../support/spec-values.js";

describe("cost model: hand-computed cases", () => {
  it("percent commission", () => {
    const m = createCostModel(resolved("backtest/costs", { commission: 0.001 }));
    expect(m.commission(100, 10)).toBeCloseTo(1.0, 12);
    expect(m.commission(-100, 10)).toBeCloseTo(1.0, 12);
    expect(m.commission(0, 10)).toBe(0);
    expect(m.cost(0, 0, 100, 10)).toBeCloseTo(1.0, 12);
    expect(m.isProportional).toBe(true);
    expect(m.proportionalRate).toBeCloseTo(0.001, 15);
  });

  it("fixed per order plus percent, and the minimum", () => {
    const m = createCostModel(
      resolved("backtest/costs", { commission: 0.001, commission_per_order: 2 }),
    );
    expect(m.commission(100, 10)).toBeCloseTo(3, 12);
    const withMin = createCostModel(
      resolved("backtest/costs", { commission: 0.001, commission_minimum: 5 }),
    );
    expect(withMin.commission(100, 10)).toBeCloseTo(5, 12); // 1 < 5
    expect(withMin.commission(10_000, 10)).toBeCloseTo(100, 12); // 100 > 5
    expect(withMin.isProportional).toBe(false);
  });

  it("spread: each fill pays half the quoted spread", () => {
    const m = createCostModel(resolved("backtest/costs", { spread_bps: 20 }));
    // 20 bps full spread → 10 bps per fill → 0.01 on a price of 10.
    expect(m.priceShift(0, 0, 100, 10)).toBeCloseTo(0.01, 12);
    expect(m.cost(0, 0, -100, 10)).toBeCloseTo(1.0, 12);
  });

  it("fixed slippage in bps", () => {
    const m = createCostModel(resolved("backtest/costs", { slippage: { type: "fixed", bps: 5 } }));
    expect(m.priceShift(0, 3, 1, 200)).toBeCloseTo(0.1, 12);
  });

  it("volatility-scaled slippage uses returns up to the previous bar", () => {
    const close = Float64Array.from([100, 110, 99, 108.9, 50]);
    const m = createCostModel(
      resolved("backtest/costs", { slippage: { type: "volatility", multiplier: 0.5, window: 2 } }),
      { close: [close], volume: [new Float64Array(5).fill(1e6)] },
    );
    // sigma at bar 3 = sample std of r1 = ln(1.1), r2 = ln(0.9) (bar 3's own price is not used).
    const r1 = Math.log(1.1);
    const r2 = Math.log(0.9);
    const mean = (r1 + r2) / 2;
    const sd = Math.sqrt(((r1 - mean) ** 2 + (r2 - mean) ** 2) / 1);
    expect(m.priceShift(0, 3, 10, 100)).toBeCloseTo(100 * 0.5 * sd, 12);
    // bar 4 uses r2 and r3 = ln(1.1)
    const r3 = Math.log(1.1);
    const m4 = (r2 + r3) / 2;
    const sd4 = Math.sqrt((r2 - m4) ** 2 + (r3 - m4) ** 2);
    expect(m.priceShift(0, 4, 10, 100)).toBeCloseTo(100 * 0.5 * sd4, 12);
    // bars 0..2 have fewer than two past returns → no slippage
    expect(m.priceShift(0, 2, 10, 100)).toBe(0);
  });

  it("square-root market impact", () => {
    const close = Float64Array.from([100, 110, 99, 108.9]);
    const volume = Float64Array.from([1000, 3000, 2000, 999_999]);
    const m = createCostModel(
      resolved("backtest/costs", { impact: { type: "square_root", coefficient: 0.8, window: 2 } }),
      { close: [close], volume: [volume] },
    );
    const r1 = Math.log(1.1);
    const r2 = Math.log(0.9);
    const mean = (r1 + r2) / 2;
    const sd = Math.sqrt((r1 - mean) ** 2 + (r2 - mean) ** 2);
    const adv = (3000 + 2000) / 2; // bars 1 and 2, not bar 3
    expect(m.priceShift(0, 3, 625, 50)).toBeCloseTo(50 * 0.8 * sd * Math.sqrt(625 / adv), 12);
    expect(m.cost(0, 3, -625, 50)).toBeCloseTo(625 * 50 * 0.8 * sd * Math.sqrt(625 / adv), 9);
  });

  it("short borrow cost", () => {
    const m = createCostModel(resolved("backtest/costs", { borrow_rate: 0.05 }));
    expect(m.borrow(1000, 0.5)).toBeCloseTo(25, 12);
  });

  it("entry_price mode moves opening prices and charges no fee", () => {
    const m = createCostModel(
      resolved("backtest/costs", { commission: 0.002, commission_mode: "entry_price" }),
    );
    expect(m.commission(10, 100)).toBe(0);
    expect(m.openingCommissionShift(100)).toBeCloseTo(0.2, 12);
    expect(m.proportionalRate).toBe(0);
  });

  it("rejects negative or missing-market parameters", () => {
    expect(() => createCostModel(withDefaults("backtest/costs", { commission: -0.1 }))).toThrow(
      /commission|rate/,
    );
    expect(() =>
      createCostModel(
        resolved("backtest/costs", { impact: { type: "square_root", coefficient: 0.1 } }),
      ),
    ).toThrow(/market/);
  });
});
