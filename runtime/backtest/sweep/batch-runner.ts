/**
 * Evaluates a contiguous block of trial indices of a sweep: parameters from
 * the space, weights from the strategy (reusing its indicator caches), then
 * the run's backtest and statistics (evaluate-trial.ts). Used identically in
 * worker threads and in-process, so results do not depend on where a batch ran.
 *
 * Result rows: [trial index, one value per axis, SWEEP_METRICS…].
 */
import { backtestMessages } from "../../messages/backtest.js";
import type { OhlcvPanel, Segments } from "../../contracts/panel.js";
import type { BacktestSpec, RiskSpec } from "../../spec/types.generated.js";
import { createStrategyRegistry } from "../strategies/registry.js";
import type { StrategySection } from "../strategies/rule-strategy.js";
import { createTrialEvaluator } from "./evaluate-trial.js";
import { createParameterSpace, type ParameterValue, type SpaceSpec } from "./parameter-space.js";
import { METRIC_COUNT } from "./sweep-metrics.js";

/** Everything a worker needs besides the panel: plain data, cloneable. */
export interface SweepJob {
  readonly strategy: StrategySection;
  readonly space: SpaceSpec;
  /** The base spec's backtest section with `segment` set to the objective's segment. */
  readonly backtest: BacktestSpec;
  /** The base spec's risk section (its overlay applies to every trial), if any. */
  readonly risk?: RiskSpec;
  /** The base spec's segments on the panel. */
  readonly segments: Segments;
}

export interface BatchResult {
  readonly batch: number;
  readonly rows: Float64Array;
  readonly count: number;
}

export const STRATEGY_PREFIX = "strategy.";

export function rowWidth(axisCount: number): number {
  return 1 + axisCount + METRIC_COUNT;
}

export function createBatchRunner(
  panel: OhlcvPanel,
  job: SweepJob,
): (batch: number, start: number, end: number) => BatchResult {
  const space = createParameterSpace(job.space);
  const registry = createStrategyRegistry();
  const strategy = registry.get(job.strategy.type);
  const keys = space.axes.map((a) => {
    if (!a.name.startsWith(STRATEGY_PREFIX)) {
      throw new RangeError(backtestMessages.sweepParameterNotStrategyShort(a.name));
    }
    return a.name.slice(STRATEGY_PREFIX.length);
  });
  const evaluate = createTrialEvaluator(
    { panel, segments: job.segments },
    { backtest: job.backtest, ...(job.risk ? { risk: job.risk } : {}) },
  );
  const write = strategy.writer?.(panel);
  const weights = panel.symbols.map(() => new Float64Array(panel.timestamps.length));
  const values = new Float64Array(space.axes.length);
  const width = rowWidth(space.axes.length);

  return (batch, start, end) => {
    const rows = new Float64Array((end - start) * width);
    let count = 0;
    for (let index = start; index < end; index++) {
      if (!space.trial(index, values)) continue;
      const trial: Record<string, ParameterValue> = {};
      for (let a = 0; a < keys.length; a++) trial[keys[a]!] = space.decode(a, values[a]!);
      // The sweep's checks (runtime/spec/sweep-checks.ts) admit only parameters of this strategy.
      const params: StrategySection = { ...job.strategy, ...trial };
      const offset = count * width;
      rows[offset] = index;
      rows.set(values, offset + 1);
      if (write) {
        write(params, weights);
        evaluate(weights, rows, offset + 1 + keys.length);
      } else {
        evaluate(strategy.weights(panel, params), rows, offset + 1 + keys.length);
      }
      count++;
    }
    return { batch, rows, count };
  };
}
