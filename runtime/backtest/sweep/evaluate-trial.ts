/**
 * One sweep trial's backtest: the run's backtest of the base spec's
 * `backtest:` section (engine, fills, sessions, instrument, costs) with its
 * `risk:` overlay, on the objective's segment, and the run's statistics of
 * the result (alpha and beta against the run's benchmark). Built
 * once per thread; the benchmark and the risk manager are reused by every
 * trial (the engines reset the overlay at the start of each backtest).
 */
import type { OhlcvPanel, Segments } from "../../contracts/panel.js";
import { compileRiskSection } from "../../risk/compile.js";
import { riskEnvironment } from "../../risk/environment.js";
import type { BacktestSpec, RiskSpec } from "../../spec/types.generated.js";
import { createSectionEngine } from "../section-engine.js";
import { sectionBenchmark } from "../stage.js";
import { benchmarkSection } from "../benchmarks/index.js";
import { specError } from "../../core/spec-error.js";
import { sectionLocation } from "../../core/spec-location.js";
import { benchmarkMessages } from "../../messages/benchmark.js";
import { computeCoreStatistics, StatisticsScratch } from "../stats/index.js";
import { VectorizedWorkspace } from "../vectorized/engine.js";
import { writeMetrics } from "./sweep-metrics.js";

export interface TrialSettings {
  /** The base spec's backtest section, its `segment` set to the objective's. */
  readonly backtest: BacktestSpec;
  /** The base spec's risk section, if it has one. */
  readonly risk?: RiskSpec;
}

/** Target weights → the trial's metrics at `out[offset…]` (SWEEP_METRICS order). */
export type TrialEvaluator = (weights: Float64Array[], out: Float64Array, offset: number) => void;

export function createTrialEvaluator(
  data: { readonly panel: OhlcvPanel; readonly segments: Segments },
  settings: TrialSettings,
): TrialEvaluator {
  const { backtest, risk } = settings;
  const engine = createSectionEngine(backtest, data);
  // The run's benchmark (buy and hold, a symbol or a fixed mix; a file benchmark is refused).
  if (benchmarkSection(backtest.benchmark)?.type === "file")
    throw specError(
      sectionLocation("backtest").at("/benchmark/type"),
      benchmarkMessages.fileInSweep(),
    );
  const benchmark = sectionBenchmark(backtest, engine, data.panel)?.result.equity;
  const overlay = risk
    ? compileRiskSection(risk, riskEnvironment(data.panel, backtest.periods_per_year))
    : undefined;
  // What every trial's statistics share (bars, market, annualization), and the buffers
  // every trial's backtest and statistics reuse (each trial's metrics are written before the next).
  const plan = engine.statisticsPlan(benchmark);
  const scratch = new StatisticsScratch();
  const workspace = new VectorizedWorkspace({ perSymbolSeries: false });
  return (weights, out, offset) => {
    const result = engine.strategy(weights, overlay, workspace);
    const input = engine.statisticsInput(result, benchmark);
    writeMetrics(computeCoreStatistics(input, plan, scratch), out, offset);
  };
}
