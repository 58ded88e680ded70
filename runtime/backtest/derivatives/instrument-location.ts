import { sectionLocation, type SpecLocation } from "../../core/spec-location.js";

/**
 * Where an instrument section is when the caller names no place (library
 * callers without a spec): an experiment's `backtest.instrument`.
 */
export function defaultInstrumentLocation(): SpecLocation {
  return sectionLocation("backtest").at("/instrument");
}
