/**
 * Instrument types a `backtest.instrument:` section can name (`type: future`,
 * `type: option`), each with its backtest and its semantic checks. Built by a
 * function: nothing is registered globally.
 */
import type { Diagnostic } from "../../core/errors.js";
import type { SpecLocation } from "../../core/spec-location.js";
import { NamedRegistry } from "../../core/named-registry.js";
import type { OhlcvPanel } from "../../contracts/panel.js";
import { checkFuturesSection, checkOptionSection } from "./check-instrument-fields.js";
import { runFuturesBacktest } from "./futures-backtest.js";
import type { InstrumentBacktestOptions, InstrumentBacktestResult } from "./instrument-result.js";
import type {
  FuturesInstrumentSection,
  InstrumentSection,
  OptionInstrumentSection,
} from "./instrument-section.js";
import { runOptionsBacktest } from "./options-backtest.js";

export interface InstrumentKind<S extends InstrumentSection = InstrumentSection> {
  run(
    panel: OhlcvPanel,
    weights: readonly Float64Array[],
    section: S,
    options: InstrumentBacktestOptions,
  ): InstrumentBacktestResult;
  /** Semantic errors of the section written at `loc`. */
  check(section: S, loc: SpecLocation): Diagnostic[];
}

const future: InstrumentKind<FuturesInstrumentSection> = {
  run: runFuturesBacktest,
  check: checkFuturesSection,
};

const option: InstrumentKind<OptionInstrumentSection> = {
  run: runOptionsBacktest,
  check: checkOptionSection,
};

export function createInstrumentRegistry(): NamedRegistry<InstrumentKind> {
  return new NamedRegistry<InstrumentKind>("instrument")
    .register("future", future as InstrumentKind)
    .register("option", option as InstrumentKind);
}
