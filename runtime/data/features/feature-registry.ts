import { NamedRegistry } from "../../core/named-registry.js";
import type { FeatureDefinition } from "./feature-types.js";
import { logReturnFeature, returnsFeature } from "./indicators/returns.js";
import { emaFeature, smaFeature, wmaFeature } from "./indicators/moving-averages.js";
import { volatilityFeature, zscoreFeature } from "./indicators/rolling-stats.js";
import { rsiFeature } from "./indicators/rsi.js";

/** Every feature type by its spec name (`type: rsi`). Built per call. */
export function createFeatureRegistry(): NamedRegistry<FeatureDefinition> {
  const registry = new NamedRegistry<FeatureDefinition>("feature");
  const all: FeatureDefinition[] = [
    returnsFeature,
    logReturnFeature,
    smaFeature,
    emaFeature,
    wmaFeature,
    rsiFeature,
    volatilityFeature,
    zscoreFeature,
  ];
  for (const def of all) registry.register(def.type, def);
  return registry;
}
