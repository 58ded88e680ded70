import { describe, expect, it } from "vitest";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import { createStrategyRegistry } from "../../../runtime/backtest/strategies/registry.js";
import { resolveParams } from "../../../runtime/backtest/strategies/rule-strategy.js";
import { createTrialEvaluator } from "../../../runtime/backtest/sweep/evaluate-trial.js";
import { METRIC_COUNT, metricIndex } from "../../../runtime/backtest/sweep/sweep-metrics.js";
import { runVectorized } from "../../../runtime/backtest/vectorized/engine.js";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";
import { tinyPanel } from "../tiny-panel.js";
import { resolved } from "../../support/spec-values.js";

const goog = readOhlcvCsv("goog_daily_2004_2013_backtestingpy.csv", "GOOG");
const registry = createStrategyRegistry();
const weights = (panel: OhlcvPanel, section: Record<string, unknown> & { type: string }) => {
  const s = registry.get(section.type);
  return s.weights(panel, resolveParams(s, section));
};

/** Metrics computed directly from the engine's equity curve, with plain array code. */
function reference(equity: Float64Array, ts: Float64Array, cash: number) {
  const r = Array.from(equity)
    .slice(1)
    .map((e, i) => e / equity[i]! - 1);
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
  const years = (ts[ts.length - 1]! - ts[0]!) / (365.25 * 86_400_000);
  // The one annualization rule (runtime/stats/annualization): daily bars without weekends → 252.
  const ppy = 252;
  let peak = -Infinity;
  let mdd = 0;
  for (const e of equity) {
    peak = Math.max(peak, e);
    mdd = Math.min(mdd, e / peak - 1);
  }
  return {
    final: equity[equity.length - 1]!,
    sharpe: (mean / sd) * Math.sqrt(ppy),
    cagr: (equity[equity.length - 1]! / cash) ** (1 / years) - 1,
    mdd,
  };
}

describe("sweep kernel = vectorized engine", () => {
  const configs = [
    { fill: "next_open" as const, rebalance: "on_change" as const, costs: { commission: 0.002 } },
    {
      fill: "this_close" as const,
      rebalance: "on_change" as const,
      costs: { commission: 0.001, spread_bps: 5 },
    },
    {
      fill: "next_open" as const,
      rebalance: "every_bar" as const,
      costs: { commission: 0.002, commission_mode: "entry_price" as const },
    },
  ];
  it.each(configs)("single symbol %j", (cfg) => {
    const costs = createCostModel(resolved("backtest/costs", cfg.costs));
    const range = { start: 100, end: 1900 };
    const evaluate = createTrialEvaluator(goog, {
      cash: 10_000,
      range,
      costs,
      fill: cfg.fill,
      rebalance: cfg.rebalance,
    });
    const out = new Float64Array(METRIC_COUNT);
    for (const [fast, slow] of [
      [5, 20],
      [10, 20],
      [30, 150],
    ]) {
      const w = weights(goog, { type: "sma_crossover", fast, slow, short: true });
      evaluate(w, out, 0);
      const full = runVectorized(goog, w, {
        cash: 10_000,
        costs,
        range,
        fill: cfg.fill,
        rebalance: cfg.rebalance,
      });
      const ref = reference(full.equity, full.timestamps, 10_000);
      expect(out[metricIndex("final_equity")]).toBeCloseTo(ref.final, 6);
      expect(out[metricIndex("sharpe")]).toBeCloseTo(ref.sharpe, 9);
      expect(out[metricIndex("cagr")]).toBeCloseTo(ref.cagr, 9);
      expect(out[metricIndex("max_drawdown")]).toBeCloseTo(ref.mdd, 9);
      expect(out[metricIndex("trades")]).toBe(full.trades.length + full.openTrades.length);
    }
  });

  it("many symbols, and a non-proportional cost model through the full engine", () => {
    const panel = tinyPanel(
      [0, 1, 2, 3].map((k) => {
        const close = Array.from(
          { length: 300 },
          (_, t) => 100 + 10 * Math.sin(t / (7 + k)) + t * 0.05 * k,
        );
        return { open: close.map((c, t) => c * (1 + 0.003 * Math.cos(t))), close };
      }),
    );
    const w = weights(panel, {
      type: "xs_momentum",
      lookback: 20,
      top: 1,
      long_short: true,
      rebalance_every: 5,
    });
    const range = { start: 0, end: 300 };
    for (const section of [{ commission: 0.001 }, { commission: 0.001, commission_minimum: 1 }]) {
      const costs = createCostModel(resolved("backtest/costs", section));
      const out = new Float64Array(METRIC_COUNT);
      createTrialEvaluator(panel, {
        cash: 1e5,
        range,
        costs,
        fill: "next_open",
        rebalance: "on_change",
      })(w, out, 0);
      const full = runVectorized(panel, w, { cash: 1e5, costs, range });
      expect(out[metricIndex("final_equity")]).toBeCloseTo(full.equity[299]!, 6);
      expect(out[metricIndex("trades")]).toBe(full.trades.length + full.openTrades.length);
    }
  });
});
