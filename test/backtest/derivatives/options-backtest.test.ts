import { describe, expect, it } from "vitest";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import { bsmGreeks, bsmPrice } from "../../../runtime/backtest/derivatives/black-scholes.js";
import type { OptionsLog } from "../../../runtime/backtest/derivatives/instrument-result.js";
import { optionSection } from "../../../runtime/backtest/derivatives/instrument-section.js";
import { runOptionsBacktest } from "../../../runtime/backtest/derivatives/options-backtest.js";
import { computeStatistics } from "../../../runtime/backtest/stats/index.js";
import { tinyPanel } from "../tiny-panel.js";
import { randomWalk } from "./random-walk.js";
import { resolved } from "../../support/spec-values.js";

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const logOf = (r: { derivatives: unknown }) => r.derivatives as OptionsLog;

// Daily bars from 2024-01-01; bar 1 opens at 100. A 5-day option opened at bar 1 expires at bar 6.
const closes = [100, 100, 101, 103, 102, 104, 107, 106, 105, 104];
const opens = [100, 100, 100, 101, 103, 102, 104, 107, 106, 105];
const panel = tinyPanel([{ open: opens, close: closes }], Date.UTC(2024, 0, 1));
const ts = panel.timestamps;
const onUntilExpiry = [Float64Array.from([1, 1, 1, 1, 1, 1, 0, 0, 0, 0])];
const base = optionSection({
  type: "option",
  strategy: "long_call",
  tenor_days: 5,
  volatility: 0.2,
  rate: 0,
  contract_size: 100,
  fee_per_contract: 0.65,
});
const expiry = ts[1]! + 5 * DAY;
const price = (type: "call" | "put", spot: number, time: number, extra = {}) =>
  bsmPrice({
    type,
    spot,
    strike: 100,
    rate: 0,
    volatility: 0.2,
    timeToExpiry: (expiry - time) / YEAR,
    ...extra,
  });

describe("options backtest: hand-computed cases", () => {
  it("a long call held to expiry pays intrinsic minus premium (and the fee)", () => {
    const r = runOptionsBacktest(panel, onUntilExpiry, base, { cash: 100_000 });
    const log = logOf(r);
    // trunc(1·100,000/(100·100)) = 10 contracts of the 100 strike, premium at S = 100, T = 5/365.
    const premium = price("call", 100, ts[1]!);
    expect(log.openings).toHaveLength(1);
    expect(log.openings[0]).toMatchObject({ bar: 1, strike: 100, expiry, quantity: 10, spot: 100 });
    expect(log.openings[0]!.premium).toBeCloseTo(premium, 12);
    expect(log.exits).toEqual([
      expect.objectContaining({ bar: 6, kind: "expire", spot: 107, price: 7, exercised: true }),
    ]);
    const pnl = 1000 * (7 - premium) - 6.5;
    expect(log.exits[0]!.pnl).toBeCloseTo(pnl, 9);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]!.pnl).toBeCloseTo(pnl, 9);
    for (let i = 6; i < 10; i++) expect(r.equity[i]).toBeCloseTo(100_000 + pnl, 9);
    expect(r.commissions).toBeCloseTo(6.5, 12);
    // After expiry the weight is 0: nothing reopens.
    expect(Array.from(log.contracts)).toEqual([0, 10, 10, 10, 10, 10, 0, 0, 0, 0]);
  });

  it("the option's daily value is bsmPrice at the close, and the greeks are quantity·size·bsmGreeks", () => {
    const r = runOptionsBacktest(panel, onUntilExpiry, base, { cash: 100_000 });
    const log = logOf(r);
    const premium = price("call", 100, ts[1]!);
    for (let i = 1; i <= 5; i++) {
      const input = {
        type: "call" as const,
        spot: closes[i]!,
        strike: 100,
        rate: 0,
        volatility: 0.2,
        timeToExpiry: (expiry - ts[i]!) / YEAR,
      };
      expect(log.optionValue[i]).toBeCloseTo(1000 * bsmPrice(input), 9);
      const g = bsmGreeks(input);
      expect(log.greeks.delta[i]).toBeCloseTo(1000 * g.delta, 9);
      expect(log.greeks.gamma[i]).toBeCloseTo(1000 * g.gamma, 9);
      expect(log.greeks.vega[i]).toBeCloseTo(1000 * g.vega, 9);
      expect(log.greeks.theta[i]).toBeCloseTo(1000 * g.theta, 6);
      expect(r.equity[i]).toBeCloseTo(100_000 - 1000 * premium - 6.5 + log.optionValue[i]!, 9);
      expect(r.exposure[i]).toBeCloseTo((1000 * g.delta * closes[i]!) / r.equity[i]!, 9);
    }
    expect(log.optionValue[6]).toBe(0);
    expect(log.greeks.delta[0]).toBe(0);
  });

  it("put–call parity holds on the ledgers: C − P = units·(S·e^{−qT} − K·e^{−rT}) every bar", () => {
    const market = { rate: 0.05, dividend_yield: 0.01 };
    const call = runOptionsBacktest(
      panel,
      onUntilExpiry,
      { ...base, ...market },
      { cash: 100_000 },
    );
    const put = runOptionsBacktest(
      panel,
      onUntilExpiry,
      { ...base, ...market, strategy: "long_put" },
      {
        cash: 100_000,
      },
    );
    const straddle = runOptionsBacktest(
      panel,
      onUntilExpiry,
      { ...base, ...market, strategy: "straddle" },
      { cash: 100_000 },
    );
    for (let i = 1; i <= 5; i++) {
      const T = (expiry - ts[i]!) / YEAR;
      const forward = closes[i]! * Math.exp(-0.01 * T) - 100 * Math.exp(-0.05 * T);
      const c = logOf(call).optionValue[i]!;
      const p = logOf(put).optionValue[i]!;
      expect(c - p).toBeCloseTo(1000 * forward, 8);
      expect(logOf(straddle).optionValue[i]).toBeCloseTo(c + p, 9);
      // Delta parity: Δc − Δp = e^{−qT} per unit.
      expect(logOf(call).greeks.delta[i]! - logOf(put).greeks.delta[i]!).toBeCloseTo(
        1000 * Math.exp(-0.01 * T),
        9,
      );
    }
    // At expiry: intrinsic call − intrinsic put = S − K.
    expect(logOf(call).exits[0]!.price - logOf(put).exits[0]!.price).toBe(7);
    expect(logOf(put).exits[0]!.exercised).toBe(false);
  });

  it("a covered call: long the underlying, short calls; equity = cash + units·close + option value", () => {
    const on = [new Float64Array(10).fill(1)];
    const r = runOptionsBacktest(
      panel,
      on,
      { ...base, strategy: "covered_call", moneyness: 1.05 },
      {
        cash: 100_000,
      },
    );
    const log = logOf(r);
    // 10 contracts: 1,000 units bought at 100 and 10 calls of the 105 strike written.
    expect(log.openings[0]).toMatchObject({ bar: 1, strike: 105, quantity: -10 });
    expect(r.positions[0]![1]).toBe(1000);
    const premium = bsmPrice({
      type: "call",
      spot: 100,
      strike: 105,
      rate: 0,
      volatility: 0.2,
      timeToExpiry: 5 / 365,
    });
    expect(r.cash[1]).toBeCloseTo(100_000 - 100_000 + 1000 * premium - 6.5, 9);
    for (let i = 0; i < 10; i++) {
      expect(r.equity[i]).toBeCloseTo(
        r.cash[i]! + r.positions[0]![i]! * closes[i]! + log.optionValue[i]!,
        9,
      );
      expect(log.optionValue[i]).toBeLessThanOrEqual(0);
    }
    // Expiry at 107: the written 105 calls are assigned, paying 1,000·2 = 2,000.
    expect(log.exits[0]).toMatchObject({ bar: 6, price: 2, exercised: true, cashFlow: -2000 });
    // The weight stays on: a new package opens at the next open (bar 7) at the 107·1.05 ≈ 112 strike.
    expect(log.openings[1]).toMatchObject({ bar: 7, strike: 112 });
  });

  it("the signal turning off closes the options at their Black–Scholes price at the open", () => {
    const w = [Float64Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0, 0])];
    const r = runOptionsBacktest(panel, w, base, { cash: 100_000 });
    const log = logOf(r);
    const premium = price("call", 100, ts[1]!);
    const exit = price("call", opens[4]!, ts[4]!);
    expect(log.exits[0]).toMatchObject({ bar: 4, kind: "close", spot: 103 });
    expect(log.exits[0]!.price).toBeCloseTo(exit, 12);
    expect(log.exits[0]!.pnl).toBeCloseTo(1000 * (exit - premium) - 13, 9);
    expect(r.equity[9]).toBeCloseTo(100_000 + 1000 * (exit - premium) - 13, 9);
  });

  it("realized volatility: nothing opens before the window is full, then priced at realized + premium", () => {
    // Log returns alternate ±a: over an even window the sample sd is a·√(n/(n−1)).
    const a = 0.01;
    const c = Array.from({ length: 12 }, (_, t) => 100 * Math.exp(t % 2 === 0 ? 0 : a));
    const p = tinyPanel([{ open: c, close: c }], Date.UTC(2024, 0, 1));
    const r = runOptionsBacktest(
      p,
      [new Float64Array(12).fill(1)],
      optionSection({ ...base, volatility: { source: "realized", window: 4, premium: 0.05 } }),
      { cash: 100_000 },
    );
    const log = logOf(r);
    const sigma = a * Math.sqrt(4 / 3) * Math.sqrt(252) + 0.05;
    expect(Array.from(log.volatility.subarray(0, 4)).every(Number.isNaN)).toBe(true);
    for (let i = 4; i < 12; i++) expect(log.volatility[i]).toBeCloseTo(sigma, 12);
    // Decided at bar 0..3 without a volatility: the first opening is at bar 5 with bar 4's estimate.
    expect(log.openings[0]!.bar).toBe(5);
    expect(log.openings[0]!.volatility).toBeCloseTo(sigma, 12);
  });
});

describe("options backtest: invariants, causality and statistics", () => {
  const section = optionSection({
    type: "option",
    strategy: "covered_call",
    moneyness: 1.02,
    tenor_days: 14,
    volatility: { source: "realized", window: 10, premium: 0.02 },
    rate: 0.03,
    contract_size: 10,
    fee_per_contract: 0.5,
  });
  const costs = createCostModel(
    resolved("backtest/costs", { commission: 0.001, slippage: { type: "fixed", bps: 5 } }),
  );

  it.each(["covered_call", "protective_put", "long_call", "long_put", "straddle"] as const)(
    "%s: equity = cash + underlying·close + option value; Σ trade P&L = final equity − cash",
    (strategy) => {
      const { panel: p, weights } = randomWalk(5, 250);
      const r = runOptionsBacktest(p, weights, { ...section, strategy }, { cash: 50_000, costs });
      const log = logOf(r);
      for (let i = 0; i < r.equity.length; i++) {
        expect(r.equity[i]).toBeCloseTo(
          r.cash[i]! + r.positions[0]![i]! * p.close[0]![i]! + log.optionValue[i]!,
          8,
        );
        expect(r.symbolPnl[0]![i]).toBeCloseTo(r.equity[i]! - 50_000, 8);
      }
      const pnl = [...r.trades, ...r.openTrades].reduce((sum, t) => sum + t.pnl, 0);
      expect(pnl).toBeCloseTo(r.equity[r.equity.length - 1]! - 50_000, 6);
      expect(log.openings.length).toBeGreaterThan(5);
      expect(log.exits.filter((e) => e.kind === "expire").length).toBeGreaterThan(3);
    },
  );

  it("no look-ahead: perturbing bars after t changes nothing before t", () => {
    const { panel: p, weights } = randomWalk(9, 200);
    const baseRun = runOptionsBacktest(p, weights, section, { cash: 50_000, costs });
    for (const cut of [30, 111, 170]) {
      const open = p.open.map((a) => a.slice());
      const close = p.close.map((a) => a.slice());
      const w = weights.map((a) => a.slice());
      for (let t = cut; t < 200; t++) {
        open[0]![t] = open[0]![t]! * 1.3;
        close[0]![t] = close[0]![t]! * 0.6;
        w[0]![t] = 1 - w[0]![t]!;
      }
      const moved = runOptionsBacktest({ ...p, open, close }, w, section, { cash: 50_000, costs });
      const head = (a: Float64Array) => Array.from(a.subarray(0, cut));
      expect(head(moved.equity)).toEqual(head(baseRun.equity));
      expect(head(logOf(moved).greeks.delta)).toEqual(head(logOf(baseRun).greeks.delta));
      expect(head(logOf(moved).volatility)).toEqual(head(logOf(baseRun).volatility));
      expect(logOf(moved).openings.filter((o) => o.bar < cut)).toEqual(
        logOf(baseRun).openings.filter((o) => o.bar < cut),
      );
    }
  });

  it("a fill at bar t's open reads nothing of bar t's close (premium, strike, size)", () => {
    const { panel: p, weights } = randomWalk(9, 200);
    const baseRun = runOptionsBacktest(p, weights, section, { cash: 50_000 });
    for (const opening of logOf(baseRun).openings.slice(0, 6)) {
      const close = p.close.map((a) => a.slice());
      for (let t = opening.bar; t < 200; t++) close[0]![t] = close[0]![t]! * 1.25;
      const moved = runOptionsBacktest({ ...p, close }, weights, section, { cash: 50_000 });
      expect(logOf(moved).openings.filter((o) => o.bar <= opening.bar)).toEqual(
        logOf(baseRun).openings.filter((o) => o.bar <= opening.bar),
      );
    }
  });

  it("computeStatistics works on the result unchanged", () => {
    const { panel: p, weights } = randomWalk(13, 300);
    const r = runOptionsBacktest(p, weights, section, {
      cash: 50_000,
      range: { start: 40, end: 300 },
    });
    const stats = computeStatistics({
      timestamps: r.timestamps,
      equity: r.equity,
      trades: r.trades,
      exposure: r.exposure,
      closes: p.close[0]!.subarray(40, 300),
    });
    expect(stats.equityFinal).toBe(r.equity[r.equity.length - 1]);
    expect(Number.isFinite(stats.sharpeRatio)).toBe(true);
    expect(stats.tradeCount).toBe(r.trades.length);
    expect(stats.tradeCount).toBeGreaterThan(5);
  });
});
