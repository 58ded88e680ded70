/**
 * A weights-based portfolio on the bundled European indices that rebalances
 * to an equal mix every bar and never goes flat: it closes no round trip
 * (`# Trades` 0, backtesting.py's definition) yet trades every bar and pays
 * commissions on every rebalance. The statistics say so (`# Orders`,
 * `# Open Trades`, `Commissions (all fills)`), and the backtest stage writes
 * its allocations (weights.csv, positions.csv) into the stage folder.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CASH_ROW,
  parsePositionsCsv,
  parseWeightsCsv,
} from "../../runtime/backtest/allocation-files.js";
import type { BacktestOutcome } from "../../runtime/backtest/outcome.js";
import { createBacktestStage } from "../../runtime/backtest/stage.js";
import { positionChanges } from "../../runtime/backtest/stats/activity-stats.js";
import type { TargetSignal } from "../../runtime/contracts/signal.js";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import type { MarketDataset } from "../../runtime/data/market-dataset.js";
import { statisticRows } from "../../runtime/report/statistic-rows.js";
import { createTestRunContext } from "../support/run-context.js";
import { resolved, withDefaults } from "../support/spec-values.js";

let data: MarketDataset;
let outcome: BacktestOutcome;
let signal: TargetSignal;
let dir: string;

beforeAll(async () => {
  data = await loadDataset(withDefaults("data", { source: "bundled", name: "eu_indices" }), {
    segments: {
      train: { start: "1992-01-01", end: "1996-12-31" },
      valid: { start: "1997-01-01", end: "1997-06-30" },
      test: { start: "1997-07-01", end: "1998-08-31" },
    },
  });
  const n = data.panel.timestamps.length;
  const k = data.panel.symbols.length;
  // 90 % invested in an equal mix, 10 % cash; the mix alternates slightly so targets change.
  signal = {
    weights: data.panel.symbols.map((_, s) =>
      Float64Array.from({ length: n }, (_, t) => 0.9 / k + (t % 2 === s % 2 ? 0.01 : -0.01)),
    ),
    symbols: data.panel.symbols,
    source: "ppo",
  };
  const ctx = createTestRunContext("backtest");
  dir = ctx.artifacts.dir;
  const stage = createBacktestStage(
    resolved("backtest", {
      cash: 100_000,
      costs: { commission: 0.001 },
      baseline: "none",
    }),
  );
  outcome = await stage.run(ctx, { data, signal });
});

afterAll(() => {
  if (dir) rmSync(join(dir, "..", ".."), { recursive: true, force: true });
});

describe("rebalancing trades of a weights-based portfolio are counted", () => {
  it("no closed round trip, but an order per symbol and bar and every commission paid", () => {
    const s = outcome.strategy.statistics;
    const k = data.panel.symbols.length;
    const bars = outcome.strategy.timestamps.length;
    expect(s.tradeCount).toBe(0);
    expect(s.commissions).toBe(0); // closed trades only (backtesting.py)
    expect(s.openTradeCount).toBe(k);
    // The first decision fills at bar 1's open; every later bar's changed target trades every symbol.
    expect(s.orderCount).toBe(k * (bars - 1));
    expect(s.feesPaid).toBeGreaterThan(0);
    // Every commission the engine charged, open positions' rebalances included.
    expect(s.feesPaid).toBeCloseTo(outcome.strategy.commissions, 6);
  });

  it("counting position changes (engines without a fill count) agrees with the fills", () => {
    expect(positionChanges(outcome.strategy.positions)).toBe(
      outcome.strategy.statistics.orderCount,
    );
    expect(positionChanges([Float64Array.from([0, 1, 1, 0, -1])])).toBe(3);
  });

  it("the report's statistics table shows # Orders and # Open Trades beside # Trades", () => {
    const rows = statisticRows(outcome.strategy.statistics);
    const row = (key: string) => rows.find((r) => r.key === key);
    expect(row("tradeCount")?.strategy).toBe(0);
    expect(row("orderCount")?.label).toBe("# Orders");
    expect(row("orderCount")?.strategy).toBeGreaterThan(0);
    expect(row("openTradeCount")?.strategy).toBe(data.panel.symbols.length);
    expect(row("feesPaid")?.format).toBe("currency");
  });
});

describe("weights.csv and positions.csv", () => {
  it("hold the target and actual weight per symbol and cash, and quantity/value/P&L per bar", () => {
    const weights = parseWeightsCsv(readFileSync(join(dir, "weights.csv"), "utf8"));
    const positions = parsePositionsCsv(readFileSync(join(dir, "positions.csv"), "utf8"));
    const { range, strategy } = outcome;
    const bars = range.end - range.start;
    expect(weights.symbols).toEqual(data.panel.symbols);
    expect(positions.symbols).toEqual(data.panel.symbols);
    expect(weights.times).toHaveLength(bars);
    expect(Array.from(weights.times)).toEqual(Array.from(strategy.timestamps));
    for (const i of [0, 1, 57, bars - 1]) {
      let actualSum = weights.actualCash[i]!;
      let targetSum = weights.targetCash[i]!;
      for (let s = 0; s < weights.symbols.length; s++) {
        expect(weights.target[s]![i]).toBeCloseTo(signal.weights[s]![range.start + i]!, 9);
        const held = strategy.positions[s]![i]!;
        const close = data.panel.close[s]![range.start + i]!;
        expect(positions.quantity[s]![i]).toBeCloseTo(held, 6);
        expect(positions.price[s]![i]).toBeCloseTo(close, 6);
        expect(positions.value[s]![i]).toBeCloseTo(held * close, 4);
        expect(positions.pnl[s]![i]).toBeCloseTo(strategy.symbolPnl[s]![i]!, 4);
        expect(weights.actual[s]![i]).toBeCloseTo((held * close) / strategy.equity[i]!, 9);
        actualSum += weights.actual[s]![i]!;
        targetSum += weights.target[s]![i]!;
      }
      expect(actualSum).toBeCloseTo(1, 9);
      expect(targetSum).toBeCloseTo(1, 9);
      expect(positions.cash[i]).toBeCloseTo(strategy.cash[i]!, 4);
    }
    // Bar 0: nothing filled yet (next_open), all cash.
    expect(weights.actualCash[0]).toBe(1);
    expect(readFileSync(join(dir, "weights.csv"), "utf8").split("\n")[0]).toBe(
      "time,symbol,target,actual",
    );
    expect(readFileSync(join(dir, "positions.csv"), "utf8")).toContain(`,${CASH_ROW},,`);
  });
});
