import { NamedRegistry } from "../core/named-registry.js";
import type { RegimeDetectorFactory } from "./detector.js";
import { hmmDetector } from "./detectors/hmm.js";
import { mlDetector } from "./detectors/ml.js";
import { trendDetector } from "./detectors/trend.js";
import { turbulenceDetector } from "./detectors/turbulence.js";
import { volThresholdDetector } from "./detectors/vol-threshold.js";

/** The regime detectors by `type:` name. Built on call; nothing is global. */
export function createRegimeRegistry(): NamedRegistry<RegimeDetectorFactory> {
  const registry = new NamedRegistry<RegimeDetectorFactory>("regime");
  const base = [hmmDetector(), volThresholdDetector(), trendDetector(), turbulenceDetector()];
  for (const factory of base) registry.register(factory.type, factory);
  // The ML detector learns labels from any of the others (not from itself).
  const targets = (): NamedRegistry<RegimeDetectorFactory> => {
    const r = new NamedRegistry<RegimeDetectorFactory>("regime target");
    for (const factory of base) r.register(factory.type, factory);
    return r;
  };
  registry.register("ml", mlDetector(targets));
  return registry;
}
