import type { BarRange, OhlcvPanel } from "../../contracts/panel.js";
import type { CostModel } from "../costs/cost-model.js";
import type { FillTiming } from "../fill-timing.js";
import { runVectorized } from "../vectorized/engine.js";
import { barsPerYear, MetricAccumulator } from "./sweep-metrics.js";
import {
  type KernelSetup,
  kernelRates,
  runPortfolioKernel,
  runSingleKernel,
} from "./weights-kernel.js";

export interface TrialSettings {
  readonly cash: number;
  readonly fill: FillTiming;
  readonly range: BarRange;
  readonly rebalance: "on_change" | "every_bar";
  readonly costs: CostModel;
}

/**
 * Evaluates target weights → sweep metrics. Reuses its scratch state across
 * calls (one evaluator per thread): the proportional-cost path allocates
 * nothing; other cost models run the full vectorized engine.
 */
export function createTrialEvaluator(
  panel: OhlcvPanel,
  settings: TrialSettings,
): (weights: readonly Float64Array[], out: Float64Array, offset: number) => void {
  const acc = new MetricAccumulator();
  const counts = new Float64Array(2);
  const n = panel.symbols.length;
  const units = new Float64Array(n);
  const last = new Float64Array(n);
  const { range } = settings;
  const ppy = barsPerYear(panel.timestamps, range.start, range.end);
  const firstMs = panel.timestamps[range.start]!;
  const lastMs = panel.timestamps[range.end - 1]!;
  if (settings.costs.isProportional) {
    const setup: KernelSetup = {
      cash: settings.cash,
      fill: settings.fill,
      range,
      ...kernelRates(settings.costs),
      everyBar: settings.rebalance === "every_bar",
      periodsPerYear: ppy,
    };
    if (n === 1) {
      const open = panel.open[0]!;
      const close = panel.close[0]!;
      return (weights, out, offset) => {
        runSingleKernel(open, close, weights[0]!, setup, out, offset, firstMs, lastMs);
      };
    }
    return (weights, out, offset) => {
      runPortfolioKernel(panel, weights, setup, acc, counts, units, last);
      acc.finish(settings.cash, firstMs, lastMs, ppy, counts[0]!, counts[1]!, out, offset);
    };
  }
  return (weights, out, offset) => {
    const r = runVectorized(panel, weights, {
      cash: settings.cash,
      costs: settings.costs,
      fill: settings.fill,
      range,
      rebalance: settings.rebalance,
    });
    acc.reset(settings.cash);
    for (let i = 0; i < r.equity.length; i++) {
      let inMarket = false;
      for (let s = 0; s < n; s++) if (r.positions[s]![i] !== 0) inMarket = true;
      acc.add(r.equity[i]!, i === 0, inMarket);
    }
    const traded = r.turnover * (r.equity.reduce((a, b) => a + b, 0) / r.equity.length);
    acc.finish(
      settings.cash,
      firstMs,
      lastMs,
      ppy,
      r.trades.length + r.openTrades.length,
      traded,
      out,
      offset,
    );
  };
}
