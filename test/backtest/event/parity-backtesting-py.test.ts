/**
 * Parity with backtesting.py on its own SmaCross example over its GOOG data
 * (runtime/data/bundled/goog_daily_2004_2013_backtestingpy.csv).
 *
 * Reference figures are the PUBLISHED outputs of backtesting.py:
 * - README "Usage" (Backtest(GOOG, SmaCross, commission=.002, exclusive_orders=True),
 *   SMA 10/20, cash 10,000): Equity Final 68,935.12, Equity Peak 68,991.22,
 *   Return 589.35 %, # Trades 93, Exposure 94.27 %, Win Rate 53.76 %, Best Trade
 *   57.12 %, Worst Trade -16.63 %, Avg. Trade 1.96 %, Max. Drawdown -33.08 %,
 *   Max./Avg. Trade Duration 121 / 32 days.
 *   That output comes from the versions where the commission moves the entry
 *   price (our `commission_mode: entry_price`).
 * - backtesting/test/_test.py `test_compute_stats` (v0.2/0.3: SmaCross fast=10,
 *   slow=30, position.close() then buy()/sell(), no commission), full precision.
 */
import { describe, expect, it } from "vitest";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import { runEventBacktest } from "../../../runtime/backtest/event/run-event-backtest.js";
import { SmaCross } from "../../../runtime/backtest/event/examples/sma-cross.js";
import type { Trade } from "../../../runtime/contracts/portfolio.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";
import { resolved } from "../../support/spec-values.js";
import { sectionDefaults } from "../../../runtime/spec/section-defaults.js";

const goog = readOhlcvCsv("goog_daily_2004_2013_backtestingpy.csv", "GOOG");
const DAY = 86_400_000;

/** backtesting.py's trade statistics, computed from the trade list (closed trades only). */
function tradeFigures(trades: readonly Trade[], n: number) {
  const covered = new Uint8Array(n);
  for (const t of trades) covered.fill(1, t.entryBar, t.exitBar + 1);
  const returns = trades.map((t) => t.returnPct);
  const geo = Math.exp(returns.reduce((a, r) => a + Math.log(1 + r), 0) / returns.length) - 1;
  const durations = trades.map((t) => (t.exitTime - t.entryTime) / DAY);
  return {
    exposure: (covered.reduce((a, b) => a + b, 0) / n) * 100,
    winRate: (trades.filter((t) => t.pnl > 0).length / trades.length) * 100,
    best: Math.max(...returns) * 100,
    worst: Math.min(...returns) * 100,
    avg: geo * 100,
    maxDuration: Math.max(...durations),
    avgDuration: Math.ceil(durations.reduce((a, b) => a + b, 0) / durations.length),
  };
}

function maxDrawdown(equity: Float64Array): number {
  let peak = -Infinity;
  let worst = 0;
  for (const e of equity) {
    peak = Math.max(peak, e);
    worst = Math.max(worst, 1 - e / peak);
  }
  return -worst * 100;
}

describe("parity with backtesting.py's SmaCross on GOOG", () => {
  it("README example: SMA 10/20, commission 0.2 %, exclusive orders, next-open fills", () => {
    const r = runEventBacktest(goog, SmaCross, {
      params: { fast: 10, slow: 20 },
      cash: 10_000,
      costs: createCostModel(
        resolved("backtest/costs", { commission: 0.002, commission_mode: "entry_price" }),
      ),
      exclusiveOrders: true,
    });
    const n = goog.timestamps.length;
    const final = r.equity[n - 1]!;
    expect(final.toFixed(2)).toBe("68935.12");
    expect(Math.max(...r.equity).toFixed(2)).toBe("68991.22");
    expect((((final - 10_000) / 10_000) * 100).toFixed(2)).toBe("589.35");
    expect(r.trades).toHaveLength(93);
    const f = tradeFigures(r.trades, n);
    expect(f.exposure.toFixed(2)).toBe("94.27");
    expect(f.winRate.toFixed(2)).toBe("53.76");
    expect(f.best.toFixed(2)).toBe("57.12");
    expect(f.worst.toFixed(2)).toBe("-16.63");
    expect(f.avg.toFixed(2)).toBe("1.96");
    expect(f.maxDuration).toBe(121);
    expect(f.avgDuration).toBe(32);
    expect(maxDrawdown(r.equity).toFixed(2)).toBe("-33.08");
    // Buy & Hold Return [%] 703.46 comes from the data itself.
    const c = goog.close[0]!;
    expect((((c[n - 1]! - c[0]!) / c[0]!) * 100).toFixed(2)).toBe("703.46");
  });

  it("trade list semantics: size, entry at next open × (1 + commission), exit at next open", () => {
    const r = runEventBacktest(goog, SmaCross, {
      params: { fast: 10, slow: 20 },
      cash: 10_000,
      costs: createCostModel(
        resolved("backtest/costs", { commission: 0.002, commission_mode: "entry_price" }),
      ),
      exclusiveOrders: true,
    });
    const open = goog.open[0]!;
    const first = r.trades[0]!;
    // The first order (a short) fills at the open after the signal bar, with all
    // cash: entry = open × (1 − 0.002), size = floor(10,000 × (1 − ε) / entry).
    expect(first.size).toBeLessThan(0);
    const entry = open[first.entryBar]! * (1 - 0.002);
    expect(first.entryPrice).toBeCloseTo(entry, 10);
    expect(-first.size).toBe(Math.floor((10_000 * (1 - Number.EPSILON)) / entry));
    const second = r.trades[1]!;
    expect(second.entryPrice).toBeCloseTo(open[second.entryBar]! * 1.002, 10);
    expect(first.exitPrice).toBe(open[first.exitBar]!);
    // Exclusive orders: every exit bar is the next trade's entry bar, sides alternate.
    for (let k = 1; k < r.trades.length; k++) {
      expect(r.trades[k]!.entryBar).toBe(r.trades[k - 1]!.exitBar);
      expect(Math.sign(r.trades[k]!.size)).toBe(-Math.sign(r.trades[k - 1]!.size));
    }
    // P&L = size × (exit − entry): the commission is inside the entry price.
    for (const t of r.trades) expect(t.pnl).toBeCloseTo(t.size * (t.exitPrice - t.entryPrice), 8);
    // The last position stays open and is marked at the last close.
    expect(r.openTrades).toHaveLength(1);
  });

  it("test_compute_stats (v0.3): SMA 10/30, no commission", () => {
    const r = runEventBacktest(goog, SmaCross, {
      params: { fast: 10, slow: 30 },
      cash: 10_000,
      costs: createCostModel(sectionDefaults("backtest/costs")),
      exclusiveOrders: true,
    });
    const n = goog.timestamps.length;
    expect(r.equity[n - 1]).toBeCloseTo(51959.94999999997, 6);
    expect(Math.max(...r.equity)).toBeCloseTo(75787.44, 6);
    expect(r.trades).toHaveLength(65);
    const f = tradeFigures(r.trades, n);
    expect(f.exposure).toBeCloseTo(93.99441340782123, 9);
    expect(f.winRate).toBeCloseTo(46.15384615384615, 9);
    expect(f.best).toBeCloseTo(53.59595229490424, 9);
    expect(f.worst).toBeCloseTo(-18.39887353835481, 9);
    expect(f.avg).toBeCloseTo(2.3537113951143773, 9);
    expect(maxDrawdown(r.equity)).toBeCloseTo(-47.98012705007589, 9);
  });
});
