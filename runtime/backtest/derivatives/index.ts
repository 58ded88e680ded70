export {
  bsmGreeks,
  bsmPrice,
  d1d2,
  type Greeks,
  intrinsicValue,
  type OptionInput,
  type OptionType,
  priceBounds,
} from "./black-scholes.js";
export {
  createFuturesAccount,
  type DailySettlement,
  describeMarginCall,
  excessMargin,
  type FuturesAccount,
  type FuturesContract,
  type FuturesPosition,
  futuresEquity,
  initialRequirement,
  maintenanceRequirement,
  type MarginCallPolicy,
  settleFuturesDay,
  tradeFutures,
} from "./futures-account.js";
export {
  type ImpliedVolatilityOptions,
  type ImpliedVolatilityResult,
  impliedVolatility,
} from "./implied-volatility.js";
export {
  closeOption,
  createOptionLedger,
  type LedgerUpdate,
  type OptionContract,
  type OptionEvent,
  type OptionLedger,
  type OptionMarket,
  type OptionPosition,
  openOption,
  optionLedgerEquity,
  optionPositionsValue,
  optionUnitValue,
  settleExpiredOptions,
} from "./option-ledger.js";
export {
  continuousPrices,
  heldContractAt,
  type RollResult,
  type RollSchedule,
  rollFutures,
} from "./roll-schedule.js";
export * from "./instruments.js";
