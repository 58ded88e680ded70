/**
 * The option strategies an `instrument: { type: option }` spec can name:
 * per contract of the package, how many units of the underlying (in
 * contract_size units) and which option legs (signed quantities).
 */
import type { OptionType } from "./black-scholes.js";
import type { OptionStrategyName } from "./instrument-section.js";

export interface OptionLeg {
  readonly type: OptionType;
  /** Contracts per package contract: +1 bought, −1 written. */
  readonly quantity: number;
}

export interface OptionStrategyShape {
  /** Underlying held per package contract, in contract_size units (1 or 0). */
  readonly underlying: number;
  readonly legs: readonly OptionLeg[];
}

export const OPTION_STRATEGIES: Readonly<Record<OptionStrategyName, OptionStrategyShape>> = {
  covered_call: { underlying: 1, legs: [{ type: "call", quantity: -1 }] },
  protective_put: { underlying: 1, legs: [{ type: "put", quantity: 1 }] },
  long_call: { underlying: 0, legs: [{ type: "call", quantity: 1 }] },
  long_put: { underlying: 0, legs: [{ type: "put", quantity: 1 }] },
  straddle: {
    underlying: 0,
    legs: [
      { type: "call", quantity: 1 },
      { type: "put", quantity: 1 },
    ],
  },
};

export const OPTION_STRATEGY_NAMES = Object.keys(OPTION_STRATEGIES) as OptionStrategyName[];

/** The strike: spot · moneyness rounded to the nearest multiple of `step` (at least one step). */
export function strikeFor(spot: number, moneyness: number, step: number): number {
  return Math.max(step, Math.round((spot * moneyness) / step) * step);
}
