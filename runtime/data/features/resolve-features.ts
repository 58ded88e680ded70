import { UserError } from "../../core/errors.js";
import type { NamedRegistry } from "../../core/named-registry.js";
import { UnknownTypeError } from "../../core/named-registry.js";
import { dataMessages } from "../../messages/data.js";
import { specMessages } from "../../messages/spec.js";
import type { BoundFeature, FeatureDefinition, FeatureSpec } from "./feature-types.js";

/** A feature spec bound to its definition, with the names of its output columns. */
export interface ResolvedFeature {
  readonly spec: FeatureSpec;
  readonly feature: BoundFeature;
  readonly name: string;
  /** Full output names, e.g. macd_12_26_9, macd_12_26_9_signal, … */
  readonly outputNames: readonly string[];
}

/**
 * Binds every (normalized) feature spec to its definition, checks the rules
 * between its parameters and names its outputs (unique). Shapes, ranges and
 * defaults are the schema's (features.schema.json): specs come from a loaded
 * spec or from `featureSpecs`.
 */
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
            ? specMessages.didYouMean(error.suggestion)
            : dataMessages.featureKnownTypes(error.known),
          severity: "error",
        },
      ]);
    }
    const feature = definition.bind(spec);
    if (feature === undefined) throw new Error(dataMessages.featureBindMismatch(spec.type));
    checkParams(spec, i);
    const name = spec.name ?? feature.defaultName;
    const outputNames = feature.outputs.map((o) => (o ? `${name}_${o}` : name));
    for (const out of outputNames) {
      if (seen.has(out)) {
        const message = dataMessages.featureDuplicateName(out);
        throw new UserError(message, [
          { file: "", path: `/features/${i}`, message, severity: "error" },
        ]);
      }
      seen.add(out);
    }
    return { spec, feature, name, outputNames };
  });
}

/** The rules between parameters the schema cannot state. */
function checkParams(spec: FeatureSpec, i: number): void {
  if (spec.type === "macd" && spec.fast >= spec.slow) {
    const message = dataMessages.featureParam(
      spec.type,
      "fast",
      `(${spec.fast}) must be less than slow (${spec.slow})`,
    );
    throw new UserError(message, [
      { file: "", path: `/features/${i}/fast`, message, severity: "error" },
    ]);
  }
}
