import type { OhlcvPanel, Segments } from "../contracts/panel.js";
import { UnknownTypeError } from "../core/named-registry.js";
import { outputFields, type Stage } from "../core/stage.js";
import type { RegimeSpec } from "../spec/types.generated.js";
import { didYouMean } from "../core/suggest.js";
import { createStrategyRegistry } from "../backtest/strategies/registry.js";
import { checkStrategySection } from "../backtest/stage.js";
import { annualizationOf } from "../stats/annualization.js";
import type { DetectorOutput } from "./detector.js";
import { messages } from "./messages.js";
import { computeRegimeMetrics, expectedDurations } from "./regime-metrics.js";
import { createRegimeRegistry } from "./registry.js";
import type { RegimeResult } from "./result.js";
import { seriesLevels } from "./observations.js";
import { EXPERIMENT_SIGNAL } from "./switching.js";
import { specError, throwFirst } from "../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../core/spec-location.js";
import { checkSwitching, switchingEntries } from "./switching.js";

/** The slice of the data stage's MarketDataset the regime stage reads. */
export interface RegimeStageInput {
  readonly data: { readonly panel: OhlcvPanel; readonly segments: Segments };
}

function oneHot(labels: Int32Array, k: number): Float64Array[] {
  const rows = Array.from({ length: k }, () => new Float64Array(labels.length));
  labels.forEach((label, t) => {
    for (let s = 0; s < k; s++) rows[s]![t] = label < 0 ? Number.NaN : label === s ? 1 : 0;
  });
  return rows;
}

function switchingError(
  loc: SpecLocation,
  problem: ReturnType<typeof checkSwitching>[number],
  nStates: number,
  symbols: readonly string[],
) {
  const where = loc.at(`/switching${problem.path}`);
  if (problem.kind === "unknown_state") {
    return specError(where, messages.switchingUnknownState(problem.value, nStates));
  }
  if (problem.kind === "unknown_strategy") {
    return specError(where, messages.switchingUnknownStrategy(problem.value, []));
  }
  return specError(where, messages.unknownSymbol(problem.value, symbols));
}

/**
 * Assembles the RegimeResult from a detector's output. The per-state figures
 * are annualized by the one rule, with the spec's `backtest.periods_per_year`
 * override when given (as the statistics and the risk overlay are).
 */
export function regimeResult(
  section: RegimeSpec,
  out: DetectorOutput,
  input: RegimeStageInput["data"],
  periodsPerYear?: number,
): RegimeResult {
  const { panel, segments } = input;
  const ppy = annualizationOf(panel.timestamps, periodsPerYear).barsPerYear;
  const all = computeRegimeMetrics(out.labels, out.returns, out.nStates, ppy, {
    stateNames: out.stateNames,
  });
  const test = computeRegimeMetrics(out.labels, out.returns, out.nStates, ppy, {
    start: segments.test.start,
    end: segments.test.end,
    stateNames: out.stateNames,
  });
  const switching = section.switching;
  const warnings = regimeWarnings(section, out, segments.test);
  const currentRegime = out.labels[out.labels.length - 1] ?? -1;
  const metrics: Record<string, number | string> = {
    type: section.type,
    states: out.nStates,
    currentRegime,
    ...out.figures,
  };
  test.states.forEach((s) => {
    metrics[`testTimeInRegime${s.state}`] = s.timeInRegime;
  });
  return {
    type: section.type,
    nStates: out.nStates,
    stateNames: out.stateNames,
    timestamps: panel.timestamps,
    labels: out.labels,
    probabilities: out.probabilities ?? oneHot(out.labels, out.nStates),
    probabilistic: out.probabilities !== null,
    ...(out.indicator ? { indicator: out.indicator } : {}),
    model: out.model,
    ...(out.modelTransitionMatrix ? { modelTransitionMatrix: out.modelTransitionMatrix } : {}),
    regimeMetrics: { all, test },
    series: {
      name: messages.seriesName(out.seriesSymbols, panel.symbols.length),
      levels: seriesLevels(panel, out.seriesSymbols, out.returns),
    },
    ...(switching ? { switching } : {}),
    warnings,
    currentRegime,
    metrics,
  };
}

/**
 * What a run should flag about the labels of the test segment: more than
 * `max_unknown_share` of its bars unknown, or an `ml` classifier that
 * predicts one regime for every labelled bar.
 */
export function regimeWarnings(
  section: RegimeSpec,
  out: Pick<DetectorOutput, "labels" | "stateNames">,
  test: { readonly start: number; readonly end: number },
): string[] {
  const warnings: string[] = [];
  const bars = test.end - test.start;
  if (bars <= 0) return warnings;
  const counts = new Map<number, number>();
  for (let t = test.start; t < test.end; t++) {
    const label = out.labels[t] ?? -1;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const unknown = counts.get(-1) ?? 0;
  if (unknown / bars > section.max_unknown_share) {
    warnings.push(
      messages.unknownShareWarning(section.type, unknown / bars, section.max_unknown_share, bars),
    );
  }
  const classes = [...counts.keys()].filter((label) => label >= 0);
  if (section.type === "ml" && classes.length === 1) {
    const only = classes[0]!;
    warnings.push(
      messages.singleClassWarning(
        section.type,
        out.stateNames[only] ?? String(only),
        bars - unknown,
      ),
    );
  }
  return warnings;
}

/**
 * The regime stage: fits the `type:` detector on the train segment, labels
 * every bar with data up to that bar, and writes regime.json (parameters,
 * transition matrices, per-state statistics) and regime-labels.csv.
 */
export function createRegimeStage(
  section: RegimeSpec,
  loc: SpecLocation = sectionLocation("regime"),
  options: {
    /** The spec's `backtest.periods_per_year`, when it sets one. */
    readonly periodsPerYear?: number;
  } = {},
): Stage<"regime", "data", never> {
  const registry = createRegimeRegistry();
  let detector: ReturnType<typeof registry.get>;
  try {
    detector = registry.get(section.type);
  } catch (error) {
    if (error instanceof UnknownTypeError) {
      throw specError(
        loc.at("/type"),
        messages.unknownDetector(section.type, error.suggestion),
        messages.validTypes(error.known),
      );
    }
    throw error;
  }
  const { switching: _switching, ...detectorConfig } = section;
  throwFirst(detector.check?.(detectorConfig, loc) ?? []);
  checkSwitchingStrategies(section, loc);
  return {
    kind: "regime",
    type: section.type,
    inputs: ["data"],
    config: section,
    produces: REGIME_RESULT_FIELDS,
    reads: { data: ["panel", "segments"] },
    records: [
      // regime.json
      "type",
      "nStates",
      "stateNames",
      "probabilistic",
      "currentRegime",
      "model",
      "modelTransitionMatrix",
      "regimeMetrics",
      "switching",
      "warnings",
      // regime-labels.csv
      "timestamps",
      "labels",
      "probabilities",
      "indicator",
      "series",
    ],
    async run(ctx, input) {
      const { switching, ...config } = section;
      const out = detector.detect(config, {
        panel: input.data.panel,
        segments: input.data.segments,
        rng: ctx.rng,
        loc,
        ...(options.periodsPerYear !== undefined ? { periodsPerYear: options.periodsPerYear } : {}),
      });
      if (switching) {
        const problems = checkSwitching(switching, out.nStates, input.data.panel.symbols, null);
        if (problems[0]) {
          throw switchingError(loc, problems[0], out.nStates, input.data.panel.symbols);
        }
      }
      const result = regimeResult(section, out, input.data, options.periodsPerYear);
      ctx.artifacts.writeJson("regime.json", regimeJson(result));
      ctx.artifacts.writeText("regime-labels.csv", labelsCsv(result));
      ctx.logger.log(
        "info",
        messages.regimeSummary(result.type, result.nStates, result.currentRegime),
      );
      for (const warning of result.warnings) ctx.logger.log("warn", warning);
      return result;
    },
  };
}

/** Every field of the regime stage's output. */
const REGIME_RESULT_FIELDS = outputFields<RegimeResult>({
  type: true,
  nStates: true,
  stateNames: true,
  timestamps: true,
  labels: true,
  probabilities: true,
  probabilistic: true,
  indicator: true,
  model: true,
  modelTransitionMatrix: true,
  regimeMetrics: true,
  series: true,
  switching: true,
  warnings: true,
  currentRegime: true,
  metrics: true,
});

/**
 * The section's `signals` are valid strategy sections, and every `switching`
 * entry that follows a named signal names one of them, `experiment` (the
 * experiment's own signal) or a rule strategy type (run with its default
 * parameters): checked when the plan is compiled, so `drlwb validate` reports
 * a typo at its line with a did-you-mean.
 */
function checkSwitchingStrategies(section: RegimeSpec, loc: SpecLocation): void {
  const signals = section.signals ?? {};
  const declared = Object.keys(signals);
  for (const name of declared) {
    const entry = signals[name];
    if (entry !== undefined && entry !== EXPERIMENT_SIGNAL) {
      checkStrategySection(entry, loc.at(`/signals/${name}`));
    }
  }
  const strategies = createStrategyRegistry();
  for (const [key, target] of switchingEntries(section.switching ?? {})) {
    if (target === "flat" || target.strategy === undefined) continue;
    const name = target.strategy;
    if (Object.hasOwn(signals, name) || name === EXPERIMENT_SIGNAL || strategies.has(name)) {
      continue;
    }
    const known = [...declared, EXPERIMENT_SIGNAL, ...strategies.names()];
    throw specError(
      loc.at(`/switching/${key}/strategy`),
      messages.switchingUnknownStrategy(name, known),
      messages.switchingStrategyHint(didYouMean(name, known)),
    );
  }
}

/** The regime.json document: parameters, transition matrices and per-state statistics. */
export function regimeJson(result: RegimeResult): Record<string, unknown> {
  return {
    type: result.type,
    nStates: result.nStates,
    stateNames: result.stateNames,
    probabilistic: result.probabilistic,
    currentRegime: result.currentRegime,
    model: result.model,
    ...(result.modelTransitionMatrix
      ? {
          modelTransitionMatrix: result.modelTransitionMatrix,
          modelExpectedDurations: expectedDurations(result.modelTransitionMatrix),
        }
      : {}),
    regimeMetrics: result.regimeMetrics,
    series: result.series.name,
    ...(result.switching ? { switching: result.switching } : {}),
    warnings: result.warnings,
  };
}

/** One row per bar: time, label, the state probabilities and, when the detector has one, its indicator. */
function labelsCsv(result: RegimeResult): string {
  const cell = (v: number) => (Number.isNaN(v) ? "" : String(v));
  const indicator = result.indicator;
  const header = [
    "time",
    "label",
    ...result.stateNames.map((_, s) => `p${s}`),
    ...(indicator ? ["indicator"] : []),
    "series",
  ].join(",");
  const lines = [header];
  for (let t = 0; t < result.labels.length; t++) {
    const time = new Date(result.timestamps[t]!).toISOString();
    const probs = result.probabilities.map((row) => cell(row[t]!));
    const extra = [
      ...(indicator ? [cell(indicator[t] ?? Number.NaN)] : []),
      cell(result.series.levels[t] ?? Number.NaN),
    ];
    lines.push([time, result.labels[t], ...probs, ...extra].join(","));
  }
  return `${lines.join("\n")}\n`;
}
