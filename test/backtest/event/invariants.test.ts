import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import { SmaCross } from "../../../runtime/backtest/event/examples/sma-cross.js";
import { runEventBacktest } from "../../../runtime/backtest/event/run-event-backtest.js";
import { buildSessionMask } from "../../../runtime/backtest/sessions.js";
import { sma } from "../../../runtime/backtest/indicators/rolling.js";
import { Strategy } from "../../../runtime/backtest/event/strategy.js";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";
import { Scripted } from "./scripted.js";
import { resolved } from "../../support/spec-values.js";
import { sectionDefaults } from "../../../runtime/spec/section-defaults.js";

const goog = readOhlcvCsv("goog_daily_2004_2013_backtestingpy.csv", "GOOG");

/** A busy strategy: random-looking but deterministic orders of every kind, long and short. */
class Busy extends Strategy<{ seed: number }> {
  private x = 1;
  init(): void {
    this.x = this.params.seed;
  }
  private rnd(): number {
    this.x = (this.x * 16807) % 2147483647;
    return this.x / 2147483647;
  }
  next(): void {
    const c = this.data.close.last;
    const r = this.rnd();
    if (r < 0.05) this.buy({ size: 0.3, sl: c * 0.95, tp: c * 1.1 });
    else if (r < 0.1) this.sell({ size: 0.2, sl: c * 1.05 });
    else if (r < 0.13) this.buy({ size: 3, limit: c * 0.99 });
    else if (r < 0.16) this.sell({ size: 2, stop: c * 0.98 });
    else if (r < 0.18) this.buy({ size: 0.1, trailPercent: 0.03 });
    else if (r < 0.22) this.position.close(0.5);
  }
}

function checkInvariant(r: ReturnType<typeof runEventBacktest>, panel: OhlcvPanel) {
  for (let t = 0; t < r.equity.length; t++) {
    const pnl = r.symbolPnl.reduce((a, col) => a + col[t]!, 0);
    expect(pnl).toBeCloseTo(r.equity[t]! - r.equity[0]!, 4);
    let marked = r.cash[t]!;
    for (let s = 0; s < panel.symbols.length; s++)
      marked += r.positions[s]![t]! * panel.close[s]![t + r.range.start]!;
    expect(Math.abs(r.equity[t]! - marked)).toBeLessThan(1e-6 * Math.max(1, Math.abs(marked)));
  }
}

describe("event-driven engine invariants", () => {
  it("equity = cash + marked positions at every bar, under every order type and cost", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.constantFrom("next_open" as const, "this_close" as const),
        (seed, fill) => {
          const costs = createCostModel(
            resolved("backtest/costs", {
              commission: 0.001,
              commission_per_order: 1,
              spread_bps: 4,
              slippage: { type: "volatility", multiplier: 0.1 },
              borrow_rate: 0.03,
            }),
            goog,
          );
          const r = runEventBacktest(goog, Busy, {
            params: { seed },
            cash: 100_000,
            costs,
            fill,
            margin: 0.5,
            range: { start: 100, end: 700 },
          });
          checkInvariant(r, goog);
          const closedPnl = r.trades.reduce((a, t) => a + t.pnl, 0);
          const openPnl = r.openTrades.reduce((a, t) => a + t.pnl, 0);
          // All P&L is in the trades: final equity = cash + closed + open P&L.
          expect(r.equity[r.equity.length - 1]).toBeCloseTo(100_000 + closedPnl + openPnl, 4);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("no look-ahead: perturbing bars after t leaves equity and trades up to t unchanged", () => {
    const base = runEventBacktest(goog, SmaCross, {
      params: { fast: 10, slow: 20 },
      cash: 10_000,
      costs: createCostModel(resolved("backtest/costs", { commission: 0.002 })),
      exclusiveOrders: true,
    });
    for (const t of [50, 400, 1234, 2000]) {
      const future = structuredClone(goog);
      for (const f of [future.open, future.high, future.low, future.close]) {
        for (let k = t + 1; k < f[0]!.length; k++) f[0]![k] = f[0]![k]! * (k % 2 ? 1.3 : 0.7);
      }
      const other = runEventBacktest(future, SmaCross, {
        params: { fast: 10, slow: 20 },
        cash: 10_000,
        costs: createCostModel(resolved("backtest/costs", { commission: 0.002 })),
        exclusiveOrders: true,
      });
      expect(Array.from(other.equity.subarray(0, t + 1))).toEqual(
        Array.from(base.equity.subarray(0, t + 1)),
      );
      const closedBy = (r: typeof base) => r.trades.filter((x) => x.exitBar <= t);
      expect(closedBy(other)).toEqual(closedBy(base));
    }
  });

  it("next() cannot see beyond the current bar", () => {
    const seen: number[] = [];
    runEventBacktest(goog, Scripted, {
      params: {
        steps: {
          5: (s) => {
            seen.push(
              s.data.close.length,
              s.data.close.at(5),
              s.data.close.at(6),
              s.data.close.visible().length,
            );
          },
        },
      },
      cash: 1000,
      costs: createCostModel(sectionDefaults("backtest/costs")),
    });
    expect(seen).toEqual([6, goog.close[0]![5]!, Number.NaN, 6]);
  });

  it("verifyIndicators catches a non-causal indicator", () => {
    class Peeking extends Strategy<Record<string, never>> {
      init(): void {
        this.I(
          (d) => d.close.map((_, t) => d.close[Math.min(d.close.length - 1, t + 1)]!),
          "next close",
        );
      }
      next(): void {}
    }
    class Honest extends Strategy<Record<string, never>> {
      init(): void {
        this.I((d) => sma(d.close, 5), "sma");
      }
      next(): void {}
    }
    const opts = {
      params: {},
      cash: 1000,
      costs: createCostModel(sectionDefaults("backtest/costs")),
      verifyIndicators: 3,
    };
    expect(() => runEventBacktest(goog, Peeking, opts)).toThrow(/looks ahead/);
    expect(() => runEventBacktest(goog, Honest, opts)).not.toThrow();
  });
});

describe("intraday sessions", () => {
  const eurusd = readOhlcvCsv("eurusd_hourly_2017_2018_backtestingpy.csv", "EURUSD");

  it("marks session bars and session ends in the given timezone", () => {
    const mask = buildSessionMask(
      eurusd.timestamps,
      resolved("backtest/sessions", {
        open: "09:00",
        close: "17:00",
        timezone: "UTC",
      }),
    );
    for (let t = 0; t < 200; t++) {
      const d = new Date(eurusd.timestamps[t]!);
      const h = d.getUTCHours();
      const weekday = d.getUTCDay();
      expect(mask.tradable[t]).toBe(h >= 9 && h < 17 && weekday >= 1 && weekday <= 5 ? 1 : 0);
    }
    const ny = buildSessionMask(
      Float64Array.from([Date.UTC(2017, 6, 3, 13, 0), Date.UTC(2017, 6, 3, 14, 0)]),
      resolved("backtest/sessions", {
        open: "09:30",
        close: "16:00",
        timezone: "America/New_York",
      }),
    );
    expect(Array.from(ny.tradable)).toEqual([0, 1]); // 09:00 and 10:00 New York time
  });

  it("orders wait for the session and positions are flattened at each session end", () => {
    const sessions = buildSessionMask(
      eurusd.timestamps,
      resolved("backtest/sessions", {
        open: "09:00",
        close: "17:00",
        timezone: "UTC",
        flatten_at_close: true,
      }),
    );
    class DayTrader extends Strategy<Record<string, never>> {
      init(): void {}
      next(): void {
        if (!this.position.size && this.orders.length === 0) this.buy({ size: 1000 });
      }
    }
    const r = runEventBacktest(eurusd, DayTrader, {
      params: {},
      cash: 10_000,
      costs: createCostModel(sectionDefaults("backtest/costs")),
      sessions,
    });
    expect(r.trades.length).toBeGreaterThan(50);
    for (const t of r.trades) {
      expect(sessions.tradable[t.entryBar]).toBe(1);
      expect(sessions.sessionEnd[t.exitBar]).toBe(1);
      expect(new Date(t.entryTime).toISOString().slice(0, 10)).toBe(
        new Date(t.exitTime).toISOString().slice(0, 10),
      );
      expect(t.exitPrice).toBe(eurusd.close[0]![t.exitBar]);
    }
    checkInvariant(r, eurusd);
  });
});
