/**
 * Glue for the backtest stage: one runner with the vectorized engine's call
 * shape `(weights, overlay?) → result`, checked once up front, and the
 * derivatives log as plain JSON for the stage folder.
 */
import type { OhlcvPanel } from "../../contracts/panel.js";
import type { TargetOverlay } from "../../contracts/portfolio.js";
import type {
  DerivativesLog,
  InstrumentBacktestOptions,
  InstrumentBacktestResult,
} from "./instrument-result.js";
import type { InstrumentSection } from "./instrument-section.js";
import { createInstrumentRegistry } from "./instrument-registry.js";
import { checkInstrument } from "./run-instrument-backtest.js";
import { UserError } from "../../core/errors.js";

export type InstrumentRunner = (
  weights: readonly Float64Array[],
  overlay?: TargetOverlay,
) => InstrumentBacktestResult;

/**
 * A runner for `instrument` on `panel` (throws the section's UserError now,
 * not at the first run). The strategy, benchmark and baseline of a backtest
 * all go through it, so they trade the same instrument.
 */
export function createInstrumentRunner(
  instrument: InstrumentSection,
  panel: OhlcvPanel,
  options: Omit<InstrumentBacktestOptions, "overlay">,
): InstrumentRunner {
  const diagnostics = checkInstrument(instrument, options.loc);
  if (diagnostics.length > 0)
    throw new UserError(diagnostics.map((d) => d.message).join("; "), diagnostics);
  // Checked once here: each run goes straight to the registered implementation.
  const implementation = createInstrumentRegistry().get(instrument.type);
  return (weights, overlay) =>
    implementation.run(panel, weights, instrument, { ...options, ...(overlay ? { overlay } : {}) });
}

type Plain<T> = T extends Float64Array
  ? number[]
  : T extends readonly (infer U)[]
    ? Plain<U>[]
    : T extends object
      ? { [K in keyof T]: Plain<T[K]> }
      : T;

/** The derivatives log with typed arrays as plain arrays (for `derivatives.json`). */
export function derivativesLogJson(log: DerivativesLog): Plain<DerivativesLog> {
  return toPlain(log) as Plain<DerivativesLog>;
}

function toPlain(value: unknown): unknown {
  if (value instanceof Float64Array) return Array.from(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}
