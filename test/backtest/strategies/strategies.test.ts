import { describe, expect, it } from "vitest";
import { createStrategyRegistry } from "../../../runtime/backtest/strategies/registry.js";
import { resolveParams } from "../../../runtime/backtest/strategies/rule-strategy.js";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";
import { tinyPanel } from "../tiny-panel.js";

const registry = createStrategyRegistry();
const weightsOf = (type: string, panel: OhlcvPanel, params: Record<string, unknown> = {}) => {
  const s = registry.get(type);
  return s.weights(panel, resolveParams(s, { type, ...params }));
};
const closes = (close: number[]) => tinyPanel([{ open: close, close }]);

function walk(n: number, seed: number, symbols: number): OhlcvPanel {
  let x = seed;
  const rnd = () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
  return tinyPanel(
    Array.from({ length: symbols }, () => {
      let p = 100;
      const close = Array.from({ length: n }, () => (p *= 1 + 0.04 * (rnd() - 0.5)));
      return { open: close.map((c) => c * (1 + 0.01 * (rnd() - 0.5))), close };
    }),
  );
}

describe("rule-based strategies: hand-computed cases", () => {
  it("buy_and_hold holds equal weights", () => {
    const w = weightsOf("buy_and_hold", walk(5, 3, 4));
    expect(w.map((x) => Array.from(x))).toEqual(
      Array.from({ length: 4 }, () => [0.25, 0.25, 0.25, 0.25, 0.25]),
    );
  });

  it("sma_crossover: long above, flat (or short) below, 0 during warm-up", () => {
    const p = closes([1, 2, 3, 2, 1, 0.5, 3, 4]);
    // SMA2: -, 1.5, 2.5, 2.5, 1.5, .75, 1.75, 3.5; SMA3: -, -, 2, 2.333, 2, 1.1667, 1.5, 2.5
    expect(Array.from(weightsOf("sma_crossover", p, { fast: 2, slow: 3 })[0]!)).toEqual([
      0, 0, 1, 1, 0, 0, 1, 1,
    ]);
    expect(
      Array.from(weightsOf("sma_crossover", p, { fast: 2, slow: 3, short: true })[0]!),
    ).toEqual([0, 0, 1, 1, -1, -1, 1, 1]);
    expect(() => weightsOf("sma_crossover", p, { fast: 3, slow: 2 })).toThrow(/shorter/);
  });

  it("ema_crossover uses exponential averages seeded with the SMA", () => {
    const p = closes([1, 2, 3, 2, 1, 0.5, 3, 4]);
    // EMA2 (α=2/3): -, 1.5, 2.5, 2.1667, 1.3889, .7963, 2.2654, 3.4218; EMA3 (α=.5): -, -, 2, 2, 1.5, 1, 2, 3
    expect(
      Array.from(weightsOf("ema_crossover", p, { fast: 2, slow: 3, short: true })[0]!),
    ).toEqual([0, 0, 1, 1, -1, -1, 1, 1]);
  });

  it("ts_momentum follows the sign of the look-back return", () => {
    const p = closes([10, 11, 12, 11, 10, 10, 13]);
    expect(Array.from(weightsOf("ts_momentum", p, { lookback: 2, short: true })[0]!)).toEqual([
      0, 0, 1, 0, -1, -1, 1,
    ]);
    expect(Array.from(weightsOf("ts_momentum", p, { lookback: 2, skip: 1 })[0]!)).toEqual([
      0, 0, 0, 1, 0, 0, 0,
    ]);
  });

  it("xs_momentum holds the top symbols, short the bottom, rebalancing on schedule", () => {
    const p = tinyPanel([
      { open: [1, 1, 1, 1], close: [10, 11, 12, 9] }, // +10%, then -18%
      { open: [1, 1, 1, 1], close: [10, 10, 10, 10] }, // 0
      { open: [1, 1, 1, 1], close: [10, 9, 8, 12] }, // -10%, then +33%
    ]);
    const w = weightsOf("xs_momentum", p, {
      lookback: 1,
      top: 1,
      long_short: true,
      rebalance_every: 1,
    });
    expect(w.map((x) => Array.from(x))).toEqual([
      [0, 0.5, 0.5, -0.5],
      [0, 0, 0, 0],
      [0, -0.5, -0.5, 0.5],
    ]);
    const held = weightsOf("xs_momentum", p, { lookback: 1, top: 1, rebalance_every: 5 });
    expect(Array.from(held[0]!)).toEqual([0, 1, 1, 1]);
  });

  it("mean_reversion enters beyond entry σ and exits near the mean", () => {
    const p = closes([10, 10.1, 9.9, 10, 10.1, 9.9, 10, 8, 9.5, 10.2, 12.5, 10]);
    const w = Array.from(weightsOf("mean_reversion", p, { window: 5, entry: 1.5, exit: 0.2 })[0]!);
    // bar 7: close 8 far below the 5-bar mean → long; bar 9 z > -0.2 → flat; bar 10: 12.5 → short.
    expect(w.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(w[7]).toBe(1);
    expect(w[9]).toBe(0);
    expect(w[10]).toBe(-1);
  });

  it("vol_breakout enters when the close breaks the previous window's band", () => {
    const p = closes([10, 10.2, 9.8, 10, 10.1, 9.9, 12, 12.5, 11, 9.5]);
    const w = Array.from(weightsOf("vol_breakout", p, { window: 5, multiplier: 2 })[0]!);
    expect(w.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(w[6]).toBe(1); // 12 > mean(10.2, 9.8, 10, 10.1, 9.9) + 2σ
    expect(w[7]).toBe(1);
    expect(w[9]).toBe(0); // back below the mean of the previous window
  });

  it("an unknown type suggests the closest name", () => {
    expect(() => registry.get("sma_crosover")).toThrow(/did you mean "sma_crossover"/);
  });
});

describe("rule-based strategies: no look-ahead", () => {
  const panel = walk(400, 7, 6);
  const cases: [string, Record<string, unknown>][] = [
    ["buy_and_hold", {}],
    ["sma_crossover", { fast: 5, slow: 30, short: true }],
    ["ema_crossover", { fast: 5, slow: 30 }],
    ["ts_momentum", { lookback: 40, skip: 5, short: true }],
    ["xs_momentum", { lookback: 40, top: 2, long_short: true, rebalance_every: 7 }],
    ["mean_reversion", { window: 20, entry: 1.5 }],
    ["mean_reversion", { method: "bollinger", window: 15, entry: 2 }],
    ["vol_breakout", { window: 20, multiplier: 1, short: true }],
  ];
  it.each(cases)(
    "%s %j: perturbing bars after t leaves weights up to t unchanged",
    (type, params) => {
      const base = weightsOf(type, panel, params);
      for (const t of [37, 150, 300]) {
        const future = structuredClone(panel);
        for (const f of [future.open, future.high, future.low, future.close, future.volume]) {
          for (const col of f)
            for (let k = t + 1; k < col.length; k++) col[k] = col[k]! * (k % 3 ? 1.5 : 0.6);
        }
        const other = weightsOf(type, future, params);
        for (let s = 0; s < base.length; s++) {
          expect(Array.from(other[s]!.subarray(0, t + 1))).toEqual(
            Array.from(base[s]!.subarray(0, t + 1)),
          );
        }
      }
    },
  );

  it("the sweep writer reproduces weights()", () => {
    const goog = readOhlcvCsv("goog_daily_2004_2013_backtestingpy.csv", "GOOG");
    const s = registry.get("sma_crossover");
    const write = s.writer!(goog);
    const out = [new Float64Array(goog.timestamps.length)];
    for (const [fast, slow] of [
      [5, 20],
      [10, 20],
      [50, 200],
    ] as const) {
      const params = resolveParams(s, { type: "sma_crossover", fast, slow, short: true });
      write(params, out);
      expect(Array.from(out[0]!)).toEqual(Array.from(s.weights(goog, params)[0]!));
    }
  });
});
