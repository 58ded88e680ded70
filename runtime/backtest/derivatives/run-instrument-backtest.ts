/**
 * The entry point for specs: `backtest.instrument: { type: future | option, … }`
 * → the instrument's backtest on the signal's weights, in the vectorized
 * engine's result shape plus a derivatives log.
 */
import { specMessages } from "../../messages/spec.js";
import { type Diagnostic, UserError } from "../../core/errors.js";
import { didYouMean } from "../../core/suggest.js";
import type { OhlcvPanel } from "../../contracts/panel.js";
import { derivativesMessages } from "../../messages/derivatives.js";
import { createInstrumentRegistry } from "./instrument-registry.js";
import type { InstrumentBacktestOptions, InstrumentBacktestResult } from "./instrument-result.js";
import type { InstrumentSection } from "./instrument-section.js";

export const INSTRUMENT_PATH = "/backtest/instrument";

/**
 * Semantic errors of an instrument section (unknown type, maintenance above
 * initial margin, tenor ≤ 0, …), each naming its spec path under `path`.
 */
export function checkInstrument(
  section: InstrumentSection,
  path: string = INSTRUMENT_PATH,
  file = "",
): Diagnostic[] {
  const registry = createInstrumentRegistry();
  const type = (section as { type?: unknown }).type;
  if (typeof type !== "string" || !registry.has(type)) {
    const names = registry.names();
    const name = String(type);
    const suggestion = typeof type === "string" ? didYouMean(type, names) : undefined;
    return [
      {
        file,
        path: `${path}/type`,
        message: derivativesMessages.unknownInstrument(name, suggestion, names),
        severity: "error",
        ...(suggestion ? { hint: specMessages.didYouMean(suggestion) } : {}),
      },
    ];
  }
  return registry.get(type).check(section, path, file);
}

/**
 * Runs `weights` (the signal's target weights, `[symbol][t]`, decided with
 * data ≤ t) through the instrument. Throws a UserError with the section's
 * diagnostics when it is invalid.
 */
export function runInstrumentBacktest(
  instrument: InstrumentSection,
  panel: OhlcvPanel,
  weights: readonly Float64Array[],
  options: InstrumentBacktestOptions & { readonly path?: string; readonly file?: string },
): InstrumentBacktestResult {
  const path = options.path ?? INSTRUMENT_PATH;
  const diagnostics = checkInstrument(instrument, path, options.file ?? "");
  if (diagnostics.length > 0)
    throw new UserError(diagnostics.map((d) => d.message).join("; "), diagnostics);
  return createInstrumentRegistry().get(instrument.type).run(panel, weights, instrument, options);
}
