/**
 * A real (small) backtest for report tests: a bundled dataset through the
 * data pipeline, a trend rule's target weights through the backtest stage's
 * work (`runBacktestSection`: vectorized engine, statistics, equal-weight
 * buy-and-hold benchmark) on the test segment.
 */
import type { BacktestOutcome } from "../../../runtime/backtest/outcome.js";
import { createBacktestStage, runBacktestSection } from "../../../runtime/backtest/stage.js";
import { loadDataset } from "../../../runtime/data/load-dataset.js";
import { type MarketDataset, summarizeDataset } from "../../../runtime/data/market-dataset.js";
import { createArtifactWriter, stageDir } from "../../../runtime/run/artifact-writer.js";
import { createTestRunContext } from "../../support/run-context.js";
import { backtestOutcomeView } from "../../../runtime/report/inputs/backtest-outcome.js";
import type { BacktestReportView } from "../../../runtime/report/inputs/backtest-view.js";
import { resolved, withDefaults } from "../../support/spec-values.js";

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

/** The backtest stage's output on a trend rule, and that output as the report reads it. */
export async function realBacktest(
  name = "eu_indices",
  window = 50,
): Promise<{ dataset: MarketDataset; outcome: BacktestOutcome; view: BacktestReportView }> {
  const dataset = await loadDataset(withDefaults("data", { source: "bundled", name }));
  const { panel } = dataset;
  const section = resolved("backtest", {
    cash: 10_000,
    costs: { commission: 0.001 },
    baseline: "none",
  });
  const outcome = runBacktestSection(section, dataset, {
    weights: trendWeights(panel.close, window),
    symbols: panel.symbols,
    source: `trend_${window}`,
  });
  return { dataset, outcome, view: backtestOutcomeView(outcome) };
}

/**
 * The same backtest recorded in the run folder `dir` as a run leaves it for
 * the report stage: the data stage's dataset.json and quality.json, and the
 * backtest stage's files (run through the real backtest stage).
 */
export async function recordedBacktest(
  dir: string,
  name = "eu_indices",
  window = 50,
): Promise<{ dataset: MarketDataset; outcome: BacktestOutcome; view: BacktestReportView }> {
  const dataset = await loadDataset(withDefaults("data", { source: "bundled", name }));
  recordDataset(dir, dataset);
  const outcome = await createBacktestStage(
    resolved("backtest", { cash: 10_000, costs: { commission: 0.001 }, baseline: "none" }),
  ).run(createTestRunContext("backtest", 42, dir), {
    data: dataset,
    signal: {
      weights: trendWeights(dataset.panel.close, window),
      symbols: dataset.panel.symbols,
      source: `trend_${window}`,
    },
  });
  return { dataset, outcome, view: backtestOutcomeView(outcome) };
}

/** The data stage's files of `dataset` in the run folder `dir` (dataset.json, quality.json). */
export function recordDataset(dir: string, dataset: MarketDataset): void {
  const data = createArtifactWriter(dir, stageDir(dir, "data"));
  data.writeJson("quality.json", dataset.quality);
  data.writeJson("dataset.json", summarizeDataset(dataset));
}
