import { NamedRegistry } from "../core/named-registry.js";
import type { RegimeDetectorFactory } from "./detector.js";
import { hmmDetector } from "./detectors/hmm.js";

/** The regime detectors by `type:` name. Built on call; nothing is global. */
export function createRegimeRegistry(): NamedRegistry<RegimeDetectorFactory> {
  const registry = new NamedRegistry<RegimeDetectorFactory>("regime");
  for (const factory of [hmmDetector()]) registry.register(factory.type, factory);
  return registry;
}
