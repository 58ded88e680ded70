/**
 * The entry point for specs: `backtest.instrument: { type: future | option, … }`
 * → the instrument's backtest on the signal's weights, in the vectorized
 * engine's result shape plus a derivatives log.
 */
import { specMessages } from "../../messages/spec.js";
import { type Diagnostic, UserError } from "../../core/errors.js";
import { specDiagnostic } from "../../core/spec-error.js";
import type { SpecLocation } from "../../core/spec-location.js";
import { didYouMean } from "../../core/suggest.js";
import type { OhlcvPanel } from "../../contracts/panel.js";
import { derivativesMessages } from "../../messages/derivatives.js";
import { createInstrumentRegistry } from "./instrument-registry.js";
import type { InstrumentBacktestOptions, InstrumentBacktestResult } from "./instrument-result.js";
import type { InstrumentSection } from "./instrument-section.js";
import { defaultInstrumentLocation } from "./instrument-location.js";

/**
 * Semantic errors of an instrument section (unknown type, maintenance above
 * initial margin, tenor ≤ 0, …), each naming its place under `loc` (the
 * section's place in the spec).
 */
export function checkInstrument(
  section: InstrumentSection,
  loc: SpecLocation = defaultInstrumentLocation(),
): Diagnostic[] {
  const registry = createInstrumentRegistry();
  const type = (section as { type?: unknown }).type;
  if (typeof type !== "string" || !registry.has(type)) {
    const names = registry.names();
    const name = String(type);
    const suggestion = typeof type === "string" ? didYouMean(type, names) : undefined;
    return [
      specDiagnostic(
        loc.at("/type"),
        derivativesMessages.unknownInstrument(name, suggestion, names),
        suggestion ? specMessages.didYouMean(suggestion) : undefined,
      ),
    ];
  }
  return registry.get(type).check(section, loc);
}

/**
 * Runs `weights` (the signal's target weights, `[symbol][t]`, decided with
 * data ≤ t) through the instrument. Throws a UserError with the section's
 * diagnostics (at `options.loc`) when it is invalid.
 */
export function runInstrumentBacktest(
  instrument: InstrumentSection,
  panel: OhlcvPanel,
  weights: readonly Float64Array[],
  options: InstrumentBacktestOptions,
): InstrumentBacktestResult {
  const diagnostics = checkInstrument(instrument, options.loc);
  if (diagnostics.length > 0)
    throw new UserError(diagnostics.map((d) => d.message).join("; "), diagnostics);
  return createInstrumentRegistry().get(instrument.type).run(panel, weights, instrument, options);
}
