import type { OhlcvPanel, Segments } from "../contracts/panel.js";
import { UnknownTypeError } from "../core/named-registry.js";
import { outputFields, type Stage } from "../core/stage.js";
import type { RegimeSpec } from "../spec/types.generated.js";
import { didYouMean } from "../core/suggest.js";
import { createStrategyRegistry } from "../backtest/strategies/registry.js";
import { inferBarsPerYear } from "../stats/annualization.js";
import type { DetectorOutput } from "./detector.js";
import { messages } from "./messages.js";
import { computeRegimeMetrics, expectedDurations } from "./regime-metrics.js";
import { createRegimeRegistry } from "./registry.js";
import type { RegimeResult } from "./result.js";
import { specError, throwFirst } from "../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../core/spec-location.js";
import { checkSwitching, type SwitchingSpec, switchingEntries } from "./switching.js";

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

/** Assembles the RegimeResult from a detector's output. */
export function regimeResult(
  section: RegimeSpec,
  out: DetectorOutput,
  input: RegimeStageInput["data"],
): RegimeResult {
  const { panel, segments } = input;
  const ppy = inferBarsPerYear(panel.timestamps);
  const all = computeRegimeMetrics(out.labels, out.returns, out.nStates, ppy, {
    stateNames: out.stateNames,
  });
  const test = computeRegimeMetrics(out.labels, out.returns, out.nStates, ppy, {
    start: segments.test.start,
    end: segments.test.end,
    stateNames: out.stateNames,
  });
  const switching = section.switching;
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
    ...(switching ? { switching } : {}),
    currentRegime,
    metrics,
  };
}

/**
 * The regime stage: fits the `type:` detector on the train segment, labels
 * every bar with data up to that bar, and writes regime.json (parameters,
 * transition matrices, per-state statistics) and regime-labels.csv.
 */
export function createRegimeStage(
  section: RegimeSpec,
  loc: SpecLocation = sectionLocation("regime"),
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
  checkSwitchingStrategies(section.switching, loc.at("/switching"));
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
      // regime-labels.csv
      "timestamps",
      "labels",
      "probabilities",
      "indicator",
    ],
    async run(ctx, input) {
      const { switching, ...config } = section;
      const out = detector.detect(config, {
        panel: input.data.panel,
        segments: input.data.segments,
        rng: ctx.rng,
        loc,
      });
      if (switching) {
        const problems = checkSwitching(switching, out.nStates, input.data.panel.symbols, null);
        if (problems[0]) {
          throw switchingError(loc, problems[0], out.nStates, input.data.panel.symbols);
        }
      }
      const result = regimeResult(section, out, input.data);
      ctx.artifacts.writeJson("regime.json", regimeJson(result));
      ctx.artifacts.writeText("regime-labels.csv", labelsCsv(result));
      ctx.logger.log(
        "info",
        messages.regimeSummary(result.type, result.nStates, result.currentRegime),
      );
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
  switching: true,
  currentRegime: true,
  metrics: true,
});

/**
 * `switching` entries that follow a named signal name a rule strategy (run
 * with its default parameters by the backtest): checked when the plan is
 * compiled, so `drlwb validate` catches a typo.
 */
function checkSwitchingStrategies(switching: SwitchingSpec | undefined, loc: SpecLocation): void {
  const strategies = createStrategyRegistry();
  for (const [key, target] of switchingEntries(switching ?? {})) {
    if (target === "flat" || target.strategy === undefined) continue;
    if (strategies.has(target.strategy)) continue;
    const known = strategies.names();
    throw specError(
      loc.at(`/${key}/strategy`),
      messages.switchingUnknownStrategy(target.strategy, known),
      messages.switchingStrategyHint(didYouMean(target.strategy, known)),
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
    ...(result.switching ? { switching: result.switching } : {}),
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
  ].join(",");
  const lines = [header];
  for (let t = 0; t < result.labels.length; t++) {
    const time = new Date(result.timestamps[t]!).toISOString();
    const probs = result.probabilities.map((row) => cell(row[t]!));
    const extra = indicator ? [cell(indicator[t] ?? Number.NaN)] : [];
    lines.push([time, result.labels[t], ...probs, ...extra].join(","));
  }
  return `${lines.join("\n")}\n`;
}
