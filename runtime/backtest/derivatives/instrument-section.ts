/**
 * The `backtest.instrument:` spec section (schemas/instrument.schema.json),
 * hand-typed until the spec types are regenerated, and its defaults.
 */
import type { MarginCallPolicy } from "./futures-account.js";

export type ExpiryCycle = "quarterly" | "monthly";
export type ExpiryDay = "third_friday";

export interface RollSection {
  readonly cycle?: ExpiryCycle;
  readonly day?: ExpiryDay;
  /** Roll this many calendar days before expiry. */
  readonly days_before_expiry?: number;
}

export interface FuturesInstrumentSection {
  readonly type: "future";
  readonly symbol?: string;
  readonly multiplier?: number;
  /** Per contract, account currency. */
  readonly initial_margin: number;
  /** Per contract, account currency; at most `initial_margin`. */
  readonly maintenance_margin: number;
  readonly roll?: RollSection;
  readonly fee_per_contract?: number;
  readonly on_margin_call?: MarginCallPolicy;
}

export type OptionStrategyName =
  | "covered_call"
  | "protective_put"
  | "long_call"
  | "long_put"
  | "straddle";

export interface RealizedVolatilitySection {
  readonly source: "realized";
  readonly window?: number;
  /** Volatility points added to the realized volatility. */
  readonly premium?: number;
  readonly periods_per_year?: number;
}

export interface OptionInstrumentSection {
  readonly type: "option";
  readonly symbol?: string;
  readonly strategy?: OptionStrategyName;
  readonly moneyness?: number;
  readonly strike_step?: number;
  readonly tenor_days?: number;
  /** A constant annual volatility, or realized volatility plus a premium. */
  readonly volatility?: number | RealizedVolatilitySection;
  readonly rate?: number;
  readonly dividend_yield?: number;
  readonly contract_size?: number;
  readonly fee_per_contract?: number;
}

export type InstrumentSection = FuturesInstrumentSection | OptionInstrumentSection;

export const ROLL_DEFAULTS = {
  cycle: "quarterly" as ExpiryCycle,
  day: "third_friday" as ExpiryDay,
  days_before_expiry: 5,
};

export const FUTURES_DEFAULTS = {
  multiplier: 1,
  fee_per_contract: 0,
  on_margin_call: "deposit" as MarginCallPolicy,
};

export const REALIZED_VOLATILITY_DEFAULTS = {
  source: "realized" as const,
  window: 20,
  premium: 0,
  periods_per_year: 252,
};

export const OPTION_DEFAULTS = {
  strategy: "covered_call" as OptionStrategyName,
  moneyness: 1,
  strike_step: 1,
  tenor_days: 30,
  volatility: REALIZED_VOLATILITY_DEFAULTS as number | Required<RealizedVolatilitySection>,
  rate: 0,
  dividend_yield: 0,
  contract_size: 100,
  fee_per_contract: 0,
};

export type ResolvedFuturesSection = Required<Omit<FuturesInstrumentSection, "symbol" | "roll">> & {
  readonly symbol?: string;
  readonly roll: Required<RollSection>;
};

export type ResolvedOptionSection = Required<
  Omit<OptionInstrumentSection, "symbol" | "volatility">
> & {
  readonly symbol?: string;
  readonly volatility: number | Required<RealizedVolatilitySection>;
};

export function resolveFuturesSection(section: FuturesInstrumentSection): ResolvedFuturesSection {
  return { ...FUTURES_DEFAULTS, ...section, roll: { ...ROLL_DEFAULTS, ...section.roll } };
}

export function resolveOptionSection(section: OptionInstrumentSection): ResolvedOptionSection {
  const volatility =
    typeof section.volatility === "object"
      ? { ...REALIZED_VOLATILITY_DEFAULTS, ...section.volatility }
      : (section.volatility ?? OPTION_DEFAULTS.volatility);
  return { ...OPTION_DEFAULTS, ...section, volatility };
}
