import { normalizeSection } from "../../spec/normalize-section.js";
import type { FeatureSpec } from "./feature-types.js";

/**
 * A `features:` list written in code (a notebook, a stream, a benchmark)
 * checked against features.schema.json and normalized as a spec's would be:
 * every default filled (`{ type: "rsi" }` → window 14, column close). Throws
 * a UserError naming every problem (pointers under /features) with "did you
 * mean" hints.
 */
export function featureSpecs(features: readonly unknown[]): FeatureSpec[] {
  return normalizeSection("features", features, "/features");
}
