import { UserError } from "../../core/errors.js";
import type { NamedRegistry } from "../../core/named-registry.js";
import { UnknownTypeError } from "../../core/named-registry.js";
import { dataMessages } from "../../messages/data.js";
import type { FeatureDefinition, FeatureSpec } from "./feature-types.js";

const COLUMNS = ["open", "high", "low", "close", "volume"];

/** A feature spec with its definition and the names of its output columns. */
export interface ResolvedFeature {
  readonly spec: FeatureSpec;
  readonly definition: FeatureDefinition;
  readonly name: string;
  /** Full output names, e.g. macd_12_26_9, macd_12_26_9_signal, … */
  readonly outputNames: readonly string[];
}

/** Looks up every feature type, checks its parameters and names its outputs (unique). */
export function resolveFeatures(
  specs: readonly FeatureSpec[],
  registry: NamedRegistry<FeatureDefinition>,
): ResolvedFeature[] {
  const seen = new Set<string>();
  return specs.map((spec, i) => {
    let definition: FeatureDefinition;
    try {
      definition = registry.get(spec.type);
    } catch (error) {
      if (!(error instanceof UnknownTypeError)) throw error;
      throw new UserError(error.message, [
        {
          file: "",
          path: `/features/${i}/type`,
          message: error.message,
          hint: error.suggestion
            ? `did you mean "${error.suggestion}"?`
            : `one of: ${error.known.join(", ")}`,
          severity: "error",
        },
      ]);
    }
    checkParams(spec, i);
    const name = spec.name ?? definition.defaultName(spec);
    const outputNames = definition.outputs(spec).map((o) => (o ? `${name}_${o}` : name));
    for (const out of outputNames) {
      if (seen.has(out)) {
        const message = dataMessages.featureDuplicateName(out);
        throw new UserError(message, [
          { file: "", path: `/features/${i}`, message, severity: "error" },
        ]);
      }
      seen.add(out);
    }
    return { spec, definition, name, outputNames };
  });
}

function checkParams(spec: FeatureSpec, i: number): void {
  const fail = (param: string, requirement: string): never => {
    const message = dataMessages.featureParam(spec.type, param, requirement);
    throw new UserError(message, [
      { file: "", path: `/features/${i}/${param}`, message, severity: "error" },
    ]);
  };
  if (spec.column !== undefined && !COLUMNS.includes(spec.column)) {
    const message = dataMessages.featureColumn(spec.type, spec.column, COLUMNS);
    throw new UserError(message, [
      { file: "", path: `/features/${i}/column`, message, severity: "error" },
    ]);
  }
  for (const p of ["window", "periods", "fast", "slow", "signal"] as const) {
    const v = spec[p];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) fail(p, "must be a positive integer");
  }
  if (spec.type === "volatility" || spec.type === "zscore" || spec.type === "correlation") {
    if (spec.window !== undefined && spec.window < 2) fail("window", "must be at least 2");
  }
  if (spec.fast !== undefined && spec.slow !== undefined && spec.fast >= spec.slow) {
    fail("fast", `(${spec.fast}) must be less than slow (${spec.slow})`);
  }
}
