import type { ResolvedFeature } from "./resolve-features.js";

/**
 * The longest lookback of resolved features (bars the values at t read, bar t
 * included; 1 for none), or null when any has infinite memory: then only the
 * whole history since the first bar reproduces the run's values.
 */
export function featuresLookback(features: readonly ResolvedFeature[]): number | null {
  let most = 1;
  for (const { feature } of features) {
    if (feature.lookback === null) return null;
    most = Math.max(most, feature.lookback);
  }
  return most;
}
