import type { OhlcvPanel, Segments } from "../data/panel.js";
import { UnknownTypeError } from "../core/named-registry.js";
import type { Stage } from "../core/stage.js";
import { inferPeriodsPerYear } from "./annualization.js";
import type { DetectorOutput } from "./detector.js";
import { messages } from "./messages.js";
import { computeRegimeMetrics, expectedDurations } from "./regime-metrics.js";
import { createRegimeRegistry } from "./registry.js";
import type { RegimeResult } from "./result.js";
import { specError } from "./spec-errors.js";
import { applyRegimeSwitching, checkSwitching, type SwitchingSpec } from "./switching.js";

/** The slice of the data stage's MarketDataset the regime stage reads. */
export interface RegimeStageInput {
  readonly data: { readonly panel: OhlcvPanel; readonly segments: Segments };
}

export interface RegimeSection {
  readonly type: string;
  readonly switching?: SwitchingSpec;
  readonly [option: string]: unknown;
}

export interface RegimeStageOptions {
  /** Spec file, for diagnostics. */
  readonly file?: string;
  /** JSON pointer of the section (default `/regime`). */
  readonly path?: string;
}

function oneHot(labels: Int32Array, k: number): Float64Array[] {
  const rows = Array.from({ length: k }, () => new Float64Array(labels.length));
  labels.forEach((label, t) => {
    for (let s = 0; s < k; s++) rows[s]![t] = label < 0 ? Number.NaN : label === s ? 1 : 0;
  });
  return rows;
}

function switchingError(
  file: string,
  path: string,
  problem: ReturnType<typeof checkSwitching>[number],
  nStates: number,
  symbols: readonly string[],
) {
  const where = `${path}/switching${problem.path}`;
  if (problem.kind === "unknown_state") {
    return specError(file, where, messages.switchingUnknownState(problem.value, nStates));
  }
  if (problem.kind === "unknown_strategy") {
    return specError(file, where, messages.switchingUnknownStrategy(problem.value, []));
  }
  return specError(file, where, messages.unknownSymbol(problem.value, symbols));
}

/** Assembles the RegimeResult from a detector's output. */
export function regimeResult(
  section: RegimeSection,
  out: DetectorOutput,
  input: RegimeStageInput["data"],
): RegimeResult {
  const { panel, segments } = input;
  const ppy = inferPeriodsPerYear(panel.timestamps);
  const all = computeRegimeMetrics(out.labels, out.returns, out.nStates, ppy, {
    stateNames: out.stateNames,
  });
  const test = computeRegimeMetrics(out.labels, out.returns, out.nStates, ppy, {
    start: segments.test.start,
    end: segments.test.end,
    stateNames: out.stateNames,
  });
  const switching = section.switching;
  const allocationOnly =
    switching !== undefined &&
    Object.values(switching).every((t) => t === "flat" || t.strategy === undefined);
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
    ...(switching && allocationOnly
      ? { switchedWeights: applyRegimeSwitching(out.labels, switching, panel.symbols) }
      : {}),
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
  section: RegimeSection,
  options: RegimeStageOptions = {},
): Stage<RegimeStageInput, RegimeResult> {
  const file = options.file ?? "spec";
  const path = options.path ?? "/regime";
  const registry = createRegimeRegistry();
  let detector: ReturnType<typeof registry.get>;
  try {
    detector = registry.get(section.type);
  } catch (error) {
    if (error instanceof UnknownTypeError) {
      throw specError(
        file,
        `${path}/type`,
        messages.unknownDetector(section.type, error.suggestion),
        messages.validTypes(error.known),
      );
    }
    throw error;
  }
  return {
    kind: "regime",
    type: section.type,
    inputs: ["data"],
    config: section,
    async run(ctx, input) {
      const { switching, ...config } = section;
      const out = detector.detect(config, {
        panel: input.data.panel,
        segments: input.data.segments,
        rng: ctx.rng,
        path,
        file,
      });
      if (switching) {
        const problems = checkSwitching(switching, out.nStates, input.data.panel.symbols, null);
        if (problems[0]) {
          throw switchingError(file, path, problems[0], out.nStates, input.data.panel.symbols);
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

function labelsCsv(result: RegimeResult): string {
  const header = ["time", "label", ...result.stateNames.map((_, s) => `p${s}`)].join(",");
  const lines = [header];
  for (let t = 0; t < result.labels.length; t++) {
    const time = new Date(result.timestamps[t]!).toISOString();
    const probs = result.probabilities.map((row) => {
      const v = row[t]!;
      return Number.isNaN(v) ? "" : String(v);
    });
    lines.push([time, result.labels[t], ...probs].join(","));
  }
  return `${lines.join("\n")}\n`;
}
