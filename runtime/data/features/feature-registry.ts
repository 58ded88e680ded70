import { NamedRegistry } from "../../core/named-registry.js";
import type { FeatureDefinition } from "./feature-types.js";
import { logReturnFeature, returnsFeature } from "./indicators/returns.js";
import { emaFeature, smaFeature, wmaFeature } from "./indicators/moving-averages.js";
import { volatilityFeature, zscoreFeature } from "./indicators/rolling-stats.js";
import { rsiFeature } from "./indicators/rsi.js";
import { adxFeature, dxFeature } from "./indicators/adx.js";
import { atrFeature } from "./indicators/atr.js";
import { bollingerFeature } from "./indicators/bollinger.js";
import { cciFeature } from "./indicators/cci.js";
import { correlationFeature } from "./indicators/correlation.js";
import { macdFeature } from "./indicators/macd.js";
import { obvFeature } from "./indicators/obv.js";
import { turbulenceFeature } from "./indicators/turbulence.js";

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
    macdFeature,
    bollingerFeature,
    atrFeature,
    adxFeature,
    dxFeature,
    cciFeature,
    obvFeature,
    correlationFeature,
    turbulenceFeature,
  ];
  for (const def of all) registry.register(def.type, def);
  return registry;
}
