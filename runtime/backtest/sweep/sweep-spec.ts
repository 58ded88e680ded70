/**
 * A `kind: sweep` spec (schemas/sweep.schema.json) plus its base experiment.
 * Keys used: `parameters` (dotted experiment path → list | { min, max,
 * step, log }), `method`, `samples`, `seed`, `objective` { metric,
 * direction, segment }, `max_trials`, `constraints` and `top_k`.
 *
 * Two kinds of sweep run the same trials — the base experiment with the
 * parameters set, measured on the objective's segment by the run's
 * headline metrics:
 * - `rules`: the base has a rule strategy (no regime switching) and every
 *   parameter is a `strategy.` parameter. The fast path: the panel is loaded
 *   once, trials run in batches on every core, each the run's backtest (risk
 *   overlay, costs, execution) and statistics.
 * - `experiments`: anything else (agent hyperparameters, backtest or risk
 *   keys, …). Each trial is a whole run of the trial spec (runtime/run/experiment-sweep.ts).
 */
import { specError } from "../../core/spec-error.js";
import type { SpecLocation } from "../../core/spec-location.js";
import { didYouMean } from "../../core/suggest.js";
import type { OhlcvPanel, Segments } from "../../contracts/panel.js";
import { backtestMessages } from "../../messages/backtest.js";
import { compileRiskSection } from "../../risk/compile.js";
import { riskEnvironment } from "../../risk/environment.js";
import { sectionDefaults } from "../../spec/section-defaults.js";
import type { NormalizedExperiment, NormalizedSweep } from "../../spec/spec-types.js";
import type { BacktestSpec, SweepSpec } from "../../spec/types.generated.js";
import { createSectionEngine } from "../section-engine.js";
import { checkStrategySection } from "../stage.js";
import type { StrategySection } from "../strategies/rule-strategy.js";
import { type SweepJob, STRATEGY_PREFIX } from "./batch-runner.js";
import { type AxisSpec, createParameterSpace, parseConstraint } from "./parameter-space.js";
import { METRIC_ALIASES, resolveMetric, SWEEP_METRICS, type SweepMetric } from "./sweep-metrics.js";
import { type SweepReportPlan, sweepReportPlan } from "./sweep-report-plan.js";

/** One entry of the sweep's `parameters`: a list of values or a range. */
type SweepParameter = NonNullable<SweepSpec["parameters"][string]>;

export type SweepKind = "rules" | "experiments";

export interface SweepSettings {
  readonly job: SweepJob;
  readonly metric: SweepMetric;
  readonly direction: "maximize" | "minimize";
  readonly topK: number;
  readonly segment: string;
}

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
export interface SweepPlan {
  readonly kind: SweepKind;
  /** The base's rule strategy (`rules` sweeps). */
  readonly strategy?: StrategySection;
  readonly parameters: Record<string, AxisSpec>;
  readonly metric: SweepMetric;
  /** The `report:` section, resolved (heatmap parameters and metric, top k). */
  readonly report: SweepReportPlan;
}

/** `rules` when the fast path runs the sweep: a rule strategy, no regime switching, only `strategy.` parameters. */
export function sweepKindOf(sweep: NormalizedSweep, base: NormalizedExperiment): SweepKind {
  const names = Object.keys(sweep.parameters);
  const strategyOnly = names.every((name) => name.startsWith(STRATEGY_PREFIX));
  return base.strategy !== undefined && base.regime?.switching === undefined && strategyOnly
    ? "rules"
    : "experiments";
}

/**
 * The checks of a sweep spec against its (loaded) base experiment that need
 * no data: every parameter is a list or range that builds, the constraints
 * parse, the objective's metric is one of the run's headline metrics and its
 * segment exists, and a `rules` sweep's strategy passes its own checks.
 * `drlwb validate` runs it (with the trial checks of experiment sweeps), so a
 * sweep that validates does not fail on its spec. `loc` is the sweep spec's
 * root, `baseLoc` the base experiment's.
 */
export function checkSweepSpec(
  sweep: NormalizedSweep,
  base: NormalizedExperiment,
  loc: SpecLocation,
  baseLoc: SpecLocation,
): SweepPlan {
  const kind = sweepKindOf(sweep, base);
  const parameters: Record<string, AxisSpec> = {};
  for (const [name, value] of Object.entries(sweep.parameters)) {
    if (value !== undefined) parameters[name] = axisOf(value);
  }
  const wanted = sweep.objective.metric;
  const metric = resolveMetric(wanted);
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
  const report = sweepReportPlan(sweep, metric, loc);
  const strategy = kind === "rules" ? base.strategy : undefined;
  if (strategy !== undefined) checkStrategySection(strategy, baseLoc.at("/strategy"));
  const segment = sweep.objective.segment;
  if (!Object.hasOwn(base.segments, segment)) {
    throw specError(
      loc.at("/objective/segment"),
      backtestMessages.segmentMissing(segment, Object.keys(base.segments)),
    );
  }
  return { kind, ...(strategy !== undefined ? { strategy } : {}), parameters, metric, report };
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

/** The base's backtest section measured on the objective's segment (what every trial backtests). */
export function trialBacktest(sweep: NormalizedSweep, base: NormalizedExperiment): BacktestSpec {
  // The base was loaded and normalized: its backtest section is whole, or absent (then the schema's defaults).
  const bt = base.backtest ?? sectionDefaults("backtest");
  return { ...bt, segment: sweep.objective.segment };
}

/** The job a `rules` sweep runs on `data` (checks the spec first: `checkSweepSpec`). */
export function sweepSettings(
  loc: SpecLocation,
  sweep: NormalizedSweep,
  base: NormalizedExperiment,
  data: { panel: OhlcvPanel; segments: Segments },
  baseLoc: SpecLocation,
): SweepSettings {
  const { kind, strategy, parameters, metric } = checkSweepSpec(sweep, base, loc, baseLoc);
  if (kind !== "rules" || strategy === undefined)
    throw new RangeError("sweepSettings runs rule-strategy sweeps only");
  const { segment, direction } = sweep.objective;
  const range = data.segments[segment as keyof Segments];
  if (range === undefined) {
    throw specError(
      loc.at("/objective/segment"),
      backtestMessages.segmentMissing(segment, Object.keys(data.segments)),
    );
  }
  const backtest = trialBacktest(sweep, base);
  // The section's and the risk rules' problems with this data, placed in the base spec, before any worker starts.
  createSectionEngine(backtest, data, baseLoc.at("/backtest"));
  if (base.risk) {
    compileRiskSection(
      base.risk,
      riskEnvironment(data.panel, backtest.periods_per_year),
      baseLoc.at("/risk"),
    );
  }
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
      backtest,
      ...(base.risk ? { risk: base.risk } : {}),
      segments: data.segments,
    },
    metric,
    direction,
    topK: sweep.top_k,
    segment,
  };
}
