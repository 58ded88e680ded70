/**
 * The `backtest.instrument:` spec section (schemas/instrument.schema.json),
 * normalized: the generated types, every default filled by the spec loader
 * (or by `instrumentSection` for a section written in code).
 */
import { backtestMessages } from "../../messages/backtest.js";
import { normalizeSection } from "../../spec/normalize-section.js";
import type {
  InstrumentFuture,
  InstrumentOption,
  InstrumentSpec,
} from "../../spec/types.generated.js";

export type InstrumentSection = InstrumentSpec;
export type FuturesInstrumentSection = InstrumentFuture;
export type OptionInstrumentSection = InstrumentOption;

export type RollSection = FuturesInstrumentSection["roll"];
export type ExpiryCycle = RollSection["cycle"];
export type ExpiryDay = RollSection["day"];
export type OptionStrategyName = OptionInstrumentSection["strategy"];
/** The option's implied volatility: a constant, or realized volatility plus a premium. */
export type OptionVolatility = OptionInstrumentSection["volatility"];
export type RealizedVolatilitySection = Exclude<OptionVolatility, number>;

/**
 * An instrument section written in code (a test, a notebook, a benchmark)
 * checked against instrument.schema.json, with its defaults filled as a
 * spec's would be; a UserError naming every problem otherwise.
 */
export function instrumentSection(section: unknown): InstrumentSection {
  return normalizeSection("instrument", section, "/backtest/instrument");
}

/** `instrumentSection` for a futures contract. */
export function futuresSection(section: unknown): FuturesInstrumentSection {
  const instrument = instrumentSection(section);
  if (instrument.type !== "future")
    throw new TypeError(backtestMessages.instrumentTypeMismatch("future", instrument.type));
  return instrument;
}

/** `instrumentSection` for an options strategy. */
export function optionSection(section: unknown): OptionInstrumentSection {
  const instrument = instrumentSection(section);
  if (instrument.type !== "option")
    throw new TypeError(backtestMessages.instrumentTypeMismatch("option", instrument.type));
  return instrument;
}
