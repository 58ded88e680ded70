/**
 * Public API of the instrument backtests (`backtest.instrument:` in specs):
 * futures and option strategies driven by a target-weight signal.
 */
export { contractName, expiryDates, syntheticContracts, thirdFriday } from "./expiry-calendar.js";
export { runFuturesBacktest } from "./futures-backtest.js";
export { createInstrumentRegistry, type InstrumentKind } from "./instrument-registry.js";
export type {
  DerivativesLog,
  FuturesFill,
  FuturesLog,
  GreekSeries,
  InstrumentBacktestOptions,
  InstrumentBacktestResult,
  MarginCallRecord,
  OptionExit,
  OptionOpening,
  OptionsLog,
  RollRecord,
} from "./instrument-result.js";
export {
  createInstrumentRunner,
  derivativesLogJson,
  type InstrumentRunner,
} from "./instrument-runner.js";
export {
  type FuturesInstrumentSection,
  futuresSection,
  type InstrumentSection,
  instrumentSection,
  type OptionInstrumentSection,
  type OptionStrategyName,
  optionSection,
} from "./instrument-section.js";
export { OPTION_STRATEGIES, OPTION_STRATEGY_NAMES, strikeFor } from "./option-strategies.js";
export { runOptionsBacktest } from "./options-backtest.js";
export { modelVolatility, realizedVolatility } from "./realized-volatility.js";
export {
  checkInstrument,
  runInstrumentBacktest,
} from "./run-instrument-backtest.js";
