/**
 * A sweep computes the invariant part of the statistics once (statisticsPlan)
 * and reuses buffers (StatisticsScratch, VectorizedWorkspace) across trials:
 * the figures must be exactly — bit for bit — those of a run, which computes
 * them from scratch, for daily and intraday bars, with and without a
 * benchmark, and a plan made for other bars or settings must be refused.
 */
import { describe, expect, it } from "vitest";
import { createSectionEngine } from "../../../runtime/backtest/section-engine.js";
import { strategySignal } from "../../../runtime/backtest/stage.js";
import {
  computeCoreStatistics,
  computeStatistics,
  StatisticsScratch,
  statisticsPlan,
} from "../../../runtime/backtest/stats/index.js";
import { createStrategyRegistry } from "../../../runtime/backtest/strategies/registry.js";
import { resolveParams } from "../../../runtime/backtest/strategies/rule-strategy.js";
import { VectorizedWorkspace } from "../../../runtime/backtest/vectorized/engine.js";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";
import { resolved } from "../../support/spec-values.js";

const sma = createStrategyRegistry().get("sma_crossover");
const pairs: readonly (readonly [number, number])[] = [
  [5, 20],
  [10, 30],
  [3, 7],
  [50, 200],
  [20, 100],
];

/** Every numeric field, NaN and -0 included, as [key, value] for an exact comparison. */
function fields(stats: object): [string, number][] {
  return Object.entries(stats).filter((e): e is [string, number] => typeof e[1] === "number");
}

function expectIdentical(a: object, b: object): void {
  const fa = fields(a);
  const fb = fields(b);
  expect(fb.map(([k]) => k)).toEqual(fa.map(([k]) => k));
  for (let i = 0; i < fa.length; i++) {
    const [key, va] = fa[i]!;
    const vb = fb[i]![1];
    if (!Object.is(va, vb))
      expect.fail(`${key}: ${va} (fresh) vs ${vb} (plan, scratch, workspace)`);
  }
}

function check(panel: OhlcvPanel, section: Record<string, unknown>): void {
  const n = panel.timestamps.length;
  const data = {
    panel,
    segments: {
      train: { start: 0, end: Math.floor(n / 2) },
      test: { start: Math.floor(n / 2), end: n },
    },
  };
  const backtest = resolved("backtest", section);
  const engine = createSectionEngine(backtest, data);
  const benchmark =
    backtest.benchmark === "none"
      ? undefined
      : engine.vectorized(strategySignal({ type: "buy_and_hold" }, panel).weights).equity;
  const plan = engine.statisticsPlan(benchmark);
  const scratch = new StatisticsScratch();
  const workspace = new VectorizedWorkspace({ perSymbolSeries: false });
  for (const [fast, slow] of pairs) {
    const weights = sma.weights(
      panel,
      resolveParams(sma, { type: "sma_crossover", fast, slow, short: true }),
    );
    // The run: a fresh backtest and statistics computed from the input alone.
    const fresh = engine.strategy(weights);
    const input = engine.statisticsInput(fresh, benchmark);
    // The sweep: reused series and buffers, the plan made once.
    const reused = engine.strategy(weights, undefined, workspace);
    const trial = engine.statisticsInput(reused, benchmark);
    expect(Array.from(reused.equity)).toEqual(Array.from(fresh.equity));
    expect(reused.positions).toEqual([]);
    expectIdentical(computeCoreStatistics(input), computeCoreStatistics(trial, plan, scratch));
    expectIdentical(computeStatistics(input), computeStatistics(trial, plan));
  }
}

describe("statistics with a plan, scratch buffers and a reused workspace", () => {
  const goog = readOhlcvCsv("goog_daily_2004_2013_backtestingpy.csv", "GOOG");
  const eurusd = readOhlcvCsv("eurusd_hourly_2017_2018_backtestingpy.csv", "EURUSD");

  it("equal the run's statistics bit for bit on daily bars, with a benchmark", () => {
    check(goog, { costs: { commission: 0.002 }, segment: "all" });
  });

  it("… and with this-close fills, every-bar rebalancing, a risk-free rate and no benchmark", () => {
    check(goog, {
      fill: "this_close",
      rebalance: "every_bar",
      benchmark: "none",
      risk_free_rate: 0.02,
      costs: { commission: 0.001, spread_bps: 5, borrow_rate: 0.03 },
      segment: "test",
    });
  });

  it("… and on hourly bars (several bars per daily period) with periods_per_year", () => {
    check(eurusd, { periods_per_year: 260, costs: { commission: 0.0001 }, segment: "train" });
  });

  it("the deepest drawdown is the whole curve's also with a NaN or a zero in the equity", () => {
    const n = 300;
    const timestamps = Float64Array.from(
      { length: n },
      (_, i) => Date.UTC(2020, 0, 1) + i * 86_400_000,
    );
    const base = Float64Array.from({ length: n }, (_, i) => 100 * (1 + 0.3 * Math.sin(i / 17)));
    const withNaN = Float64Array.from(base);
    withNaN[150] = Number.NaN;
    const withZero = Float64Array.from(base);
    withZero[200] = 0;
    for (const equity of [base, withNaN, withZero]) {
      // The definition: Math.min over equity / running Math.max peak − 1 (NaN propagates).
      let peak = Number.NEGATIVE_INFINITY;
      let deepest = 0;
      for (let t = 0; t < n; t++) {
        peak = Math.max(peak, equity[t]!);
        deepest = Math.min(deepest, equity[t]! / peak - 1);
      }
      const stats = computeCoreStatistics({ timestamps, equity, trades: [] });
      expect(Object.is(stats.maxDrawdown, deepest)).toBe(true);
      if (equity === withNaN) expect(stats.maxDrawdown).toBeNaN();
      if (equity === withZero) expect(stats.maxDrawdown).toBe(-1);
    }
  });

  it("refuses a plan made for other timestamps or settings", () => {
    const n = goog.timestamps.length;
    const equity = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 10));
    const input = { timestamps: goog.timestamps, equity, trades: [] };
    const other = statisticsPlan({ timestamps: goog.timestamps, riskFreeRate: 0.01 });
    expect(() => computeCoreStatistics(input, other)).toThrow(/statistics plan/);
    const shorter = statisticsPlan({ timestamps: goog.timestamps.subarray(1) });
    expect(() => computeStatistics(input, shorter)).toThrow(/statistics plan/);
    // A plan of equal timestamps in another array fits.
    const copy = statisticsPlan({ timestamps: Float64Array.from(goog.timestamps) });
    expectIdentical(computeCoreStatistics(input), computeCoreStatistics(input, copy));
  });
});
