/**
 * A real (small) backtest for report tests: a bundled dataset through the
 * data pipeline, a trend rule's target weights through the vectorized engine,
 * statistics from the stats module, an equal-weight buy-and-hold benchmark.
 */
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import { computeStatistics } from "../../../runtime/backtest/stats/index.js";
import { runVectorized } from "../../../runtime/backtest/vectorized/engine.js";
import { loadDataset } from "../../../runtime/data/load-dataset.js";
import type { MarketDataset } from "../../../runtime/data/market-dataset.js";
import type { BacktestReportView } from "../../../runtime/report/inputs/backtest-view.js";

/** Long 1/n of each symbol whose close is above its trailing `window`-bar mean (data ≤ t only). */
export function trendWeights(close: readonly Float64Array[], window: number): Float64Array[] {
  const n = close.length;
  return close.map((c) => {
    const w = new Float64Array(c.length);
    let sum = 0;
    for (let t = 0; t < c.length; t++) {
      sum += c[t]!;
      if (t >= window) sum -= c[t - window]!;
      w[t] = t >= window - 1 && c[t]! > sum / window ? 1 / n : 0;
    }
    return w;
  });
}

export async function realBacktest(
  name = "eu_indices",
  window = 50,
): Promise<{ dataset: MarketDataset; view: BacktestReportView }> {
  const dataset = await loadDataset({ source: "bundled", name });
  const { panel, segments } = dataset;
  const costs = createCostModel({ commission: 0.001 });
  const range = segments.test;
  const strategy = runVectorized(panel, trendWeights(panel.close, window), {
    cash: 10_000,
    costs,
    range,
  });
  const hold = runVectorized(
    panel,
    panel.close.map((c) => new Float64Array(c.length).fill(1 / panel.symbols.length)),
    { cash: 10_000, costs, range },
  );
  const benchStats = computeStatistics({
    timestamps: hold.timestamps,
    equity: hold.equity,
    trades: hold.trades,
    commissions: hold.commissions,
  });
  const statistics = computeStatistics({
    timestamps: strategy.timestamps,
    equity: strategy.equity,
    trades: strategy.trades,
    commissions: strategy.commissions,
    exposure: strategy.exposure,
    benchmarkEquity: hold.equity,
  });
  return {
    dataset,
    view: {
      timestamps: strategy.timestamps,
      equity: strategy.equity,
      symbols: panel.symbols,
      trades: strategy.trades,
      riskEvents: strategy.riskEvents,
      statistics,
      name: "trend_50",
      benchmark: { name: "buy_and_hold", equity: hold.equity, statistics: benchStats },
    },
  };
}
