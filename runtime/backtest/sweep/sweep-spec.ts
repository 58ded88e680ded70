/**
 * A `kind: sweep` spec (schemas/sweep.schema.json, owned by the spec layer)
 * plus its base experiment → the job a rule-strategy sweep runs. Keys used:
 * `parameters` (dotted `strategy.<name>` → list | { min, max, step, log }),
 * `method`, `samples`, `seed`, `objective` { metric, direction, segment },
 * `max_trials`, `constraints` (["strategy.fast < strategy.slow"]) and `top_k`.
 */
import { specError } from "../../core/spec-error.js";
import type { SpecLocation } from "../../core/spec-location.js";
import { didYouMean } from "../../core/suggest.js";
import type { OhlcvPanel, Segments } from "../../contracts/panel.js";
import { backtestMessages } from "../../messages/backtest.js";
import { sectionDefaults } from "../../spec/section-defaults.js";
import type { NormalizedExperiment, NormalizedSweep } from "../../spec/spec-types.js";
import type { SweepSpec } from "../../spec/types.generated.js";
import { checkStrategySection } from "../stage.js";
import type { StrategySection } from "../strategies/rule-strategy.js";
import { type SweepJob, STRATEGY_PREFIX } from "./batch-runner.js";
import { type AxisSpec, createParameterSpace, parseConstraint } from "./parameter-space.js";
import { SWEEP_METRICS, type SweepMetric } from "./sweep-metrics.js";

/** One entry of the sweep's `parameters`: a list of values or a range. */
type SweepParameter = NonNullable<SweepSpec["parameters"][string]>;

export interface SweepSettings {
  readonly job: SweepJob;
  readonly metric: SweepMetric;
  readonly direction: "maximize" | "minimize";
  readonly topK: number;
  readonly segment: string;
}

/** Other names of the sweep metrics (a Map: the metric name is user text). */
const METRIC_ALIASES: ReadonlyMap<string, SweepMetric> = new Map([
  ["return", "total_return"],
  ["total_return", "total_return"],
  ["sharpe_ratio", "sharpe"],
  ["sortino_ratio", "sortino"],
  ["calmar_ratio", "calmar"],
  ["max_dd", "max_drawdown"],
  ["equity_final", "final_equity"],
]);

function axisOf(value: SweepParameter): AxisSpec {
  if (Array.isArray(value)) return value;
  return {
    min: value.min,
    max: value.max,
    ...(value.step !== undefined ? { step: value.step } : {}),
    log: value.log,
  };
}

/** What a sweep spec asks for that needs no data, checked (see `checkSweepSpec`). */
interface SweepPlan {
  readonly strategy: StrategySection;
  readonly parameters: Record<string, AxisSpec>;
  readonly metric: SweepMetric;
}

/**
 * The checks of a sweep spec against its (loaded) base experiment that need
 * no data: the base has a rule strategy that passes its own checks, every
 * parameter is a `strategy.` parameter with a list or range, and the
 * objective's metric is one a sweep computes. `drlwb validate` runs it, so a
 * sweep that validates does not fail on its spec. `loc` is the sweep spec's
 * root, `baseLoc` the base experiment's.
 */
export function checkSweepSpec(
  sweep: NormalizedSweep,
  base: NormalizedExperiment,
  loc: SpecLocation,
  baseLoc: SpecLocation,
): SweepPlan {
  const strategy = base.strategy;
  if (strategy === undefined)
    throw specError(loc.at("/base"), backtestMessages.sweepNeedsStrategy(sweep.base));
  checkStrategySection(strategy, baseLoc.at("/strategy"));
  const parameters: Record<string, AxisSpec> = {};
  for (const [name, value] of Object.entries(sweep.parameters)) {
    if (value === undefined) continue;
    if (!name.startsWith(STRATEGY_PREFIX)) {
      throw specError(
        loc.at(`/parameters/${name}`),
        backtestMessages.sweepParameterNotStrategy(name),
      );
    }
    parameters[name] = axisOf(value);
  }
  const wanted = sweep.objective.metric;
  const metric = (SWEEP_METRICS as readonly string[]).includes(wanted)
    ? (wanted as SweepMetric)
    : METRIC_ALIASES.get(wanted);
  if (metric === undefined) {
    const valid = [...SWEEP_METRICS];
    const suggestion = didYouMean(wanted, [...valid, ...METRIC_ALIASES.keys()]);
    throw specError(
      loc.at("/objective/metric"),
      backtestMessages.sweepUnknownMetric(wanted, suggestion, valid),
      backtestMessages.sweepMetricHint(valid),
    );
  }
  checkSpace(sweep, parameters, loc);
  return { strategy, parameters, metric };
}

/** Every parameter's values and every constraint can be built (the sweep's parameter space). */
function checkSpace(
  sweep: NormalizedSweep,
  parameters: Record<string, AxisSpec>,
  loc: SpecLocation,
): void {
  const names = Object.keys(parameters);
  const refuse = (at: SpecLocation, build: () => unknown): void => {
    try {
      build();
    } catch (error) {
      if (error instanceof RangeError)
        throw specError(at, error.message, backtestMessages.sweepSpaceHint());
      throw error;
    }
  };
  for (const name of names) {
    const axis = { [name]: parameters[name]! };
    refuse(loc.at(`/parameters/${name}`), () =>
      createParameterSpace({ ...sweep, parameters: axis, constraints: [] }),
    );
  }
  sweep.constraints.forEach((text, i) => {
    refuse(loc.at(`/constraints/${i}`), () => parseConstraint(text, names));
  });
}

/** The job a sweep runs on `data` (checks the spec first: `checkSweepSpec`). */
export function sweepSettings(
  loc: SpecLocation,
  sweep: NormalizedSweep,
  base: NormalizedExperiment,
  data: { panel: OhlcvPanel; segments: Segments },
  baseLoc: SpecLocation,
): SweepSettings {
  const { strategy, parameters, metric } = checkSweepSpec(sweep, base, loc, baseLoc);
  const { segment, direction } = sweep.objective;
  const range = data.segments[segment];
  if (range === undefined) {
    throw specError(
      loc.at("/objective/segment"),
      backtestMessages.segmentMissing(segment, Object.keys(data.segments)),
    );
  }
  // The base was loaded and normalized: its backtest section is whole, or absent (then the schema's defaults).
  const bt = base.backtest ?? sectionDefaults("backtest");
  return {
    job: {
      strategy,
      space: {
        parameters,
        method: sweep.method,
        samples: sweep.samples,
        seed: sweep.seed,
        constraints: sweep.constraints,
      },
      cash: bt.cash,
      fill: bt.fill,
      range,
      rebalance: bt.rebalance,
      costs: bt.costs,
    },
    metric,
    direction,
    topK: sweep.top_k,
    segment,
  };
}
