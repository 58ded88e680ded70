import type { NamedRegistry } from "../../core/named-registry.js";
import { UnknownTypeError } from "../../core/named-registry.js";
import { specError } from "../../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../../core/spec-location.js";
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
 * spec or from `featureSpecs`. `loc` is the features list's place in the spec
 * (errors name `/features/<i>/…`).
 */
export function resolveFeatures(
  specs: readonly FeatureSpec[],
  registry: NamedRegistry<FeatureDefinition>,
  loc: SpecLocation = sectionLocation("features"),
): ResolvedFeature[] {
  const seen = new Set<string>();
  return specs.map((spec, i) => {
    const at = loc.at(`/${i}`);
    let definition: FeatureDefinition;
    try {
      definition = registry.get(spec.type);
    } catch (error) {
      if (!(error instanceof UnknownTypeError)) throw error;
      throw specError(
        at.at("/type"),
        error.message,
        error.suggestion
          ? specMessages.didYouMean(error.suggestion)
          : dataMessages.featureKnownTypes(error.known),
      );
    }
    const feature = definition.bind(spec, at);
    if (feature === undefined) throw new Error(dataMessages.featureBindMismatch(spec.type));
    checkParams(spec, at);
    const name = spec.name ?? feature.defaultName;
    const outputNames = feature.outputs.map((o) => (o ? `${name}_${o}` : name));
    for (const out of outputNames) {
      if (seen.has(out)) {
        throw specError(at, dataMessages.featureDuplicateName(out));
      }
      seen.add(out);
    }
    return { spec, feature, name, outputNames };
  });
}

/** The rules between parameters the schema cannot state. */
function checkParams(spec: FeatureSpec, loc: SpecLocation): void {
  if (spec.type === "macd" && spec.fast >= spec.slow) {
    throw specError(
      loc.at("/fast"),
      dataMessages.featureFastNotBelowSlow(spec.type, spec.fast, spec.slow),
    );
  }
}
