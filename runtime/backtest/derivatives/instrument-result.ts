/**
 * What an instrument backtest returns: the vectorized engine's result shape
 * (so the backtest stage and `computeStatistics` use it unchanged) plus a
 * log of what the derivatives did.
 */
import type { SpecLocation } from "../../core/spec-location.js";
import type { BarRange } from "../../contracts/panel.js";
import type { TargetOverlay } from "../../contracts/portfolio.js";
import type { CostModel } from "../costs/cost-model.js";
import type { FillTiming } from "../fill-timing.js";
import type { VectorizedResult } from "../vectorized/engine.js";
import type { OptionType } from "./black-scholes.js";

export interface InstrumentBacktestOptions {
  /** Initial cash (the margin account's balance for futures). */
  readonly cash: number;
  /** Bars to simulate, half-open; default the whole panel. */
  readonly range?: BarRange;
  /** `next_open` (default): a decision at bar t trades at bar t+1's open; `this_close`: at bar t's close. */
  readonly fill?: FillTiming;
  /**
   * The backtest's cost model: its price shift (spread, slippage, impact)
   * applies to futures fills and to the underlying leg of option strategies,
   * which also pays its commission. Contract fees come from the instrument.
   */
  readonly costs?: CostModel;
  /**
   * Risk overlay applied to the instrument symbol's target weight at every
   * decision (the other symbols are proposed flat). It sees the futures
   * notional, or the options' delta exposure, as the current weight.
   */
  readonly overlay?: TargetOverlay;
  /** The instrument section's place in the spec (default: an experiment's `/backtest/instrument`). */
  readonly loc?: SpecLocation;
}

/** A margin call at a daily settlement. */
export interface MarginCallRecord {
  readonly bar: number;
  readonly time: number;
  /** Balance after the day's variation, before any top-up. */
  readonly balance: number;
  readonly maintenanceRequirement: number;
  /** Top-up back to the initial margin. */
  readonly amount: number;
  readonly action: "deposit" | "liquidate";
  /** Contracts held when the call was made. */
  readonly contracts: number;
}

export interface RollRecord {
  readonly bar: number;
  readonly time: number;
  readonly from: string;
  readonly to: string;
  /** Signed contracts opened in the new contract (fewer than held when the margin covered fewer). */
  readonly contracts: number;
  readonly price: number;
  /** Fees of both legs. */
  readonly fees: number;
}

export interface FuturesFill {
  readonly bar: number;
  readonly time: number;
  readonly contract: string;
  /** Signed contracts traded. */
  readonly contracts: number;
  readonly price: number;
  readonly fee: number;
  /** Contracts wanted when the margin balance could not cover them all. */
  readonly wanted?: number;
}

export interface FuturesLog {
  readonly kind: "future";
  /** Signed contracts held at each close. */
  readonly contracts: Float64Array;
  /** Variation margin settled at each close. */
  readonly variation: Float64Array;
  /** Margin account balance after each day's settlement (deposits included). */
  readonly marginBalance: Float64Array;
  /** Cumulative deposits made to answer margin calls. */
  readonly deposits: Float64Array;
  readonly initialRequirement: Float64Array;
  readonly maintenanceRequirement: Float64Array;
  /** Contract held (or that would be held) at each bar. */
  readonly heldContract: readonly string[];
  readonly fills: FuturesFill[];
  readonly rolls: RollRecord[];
  readonly marginCalls: MarginCallRecord[];
}

/** Position greeks at a close: Σ quantity · contract_size · BSM greek, plus the underlying's delta. */
export interface GreekSeries {
  /** Units of the underlying (the underlying leg counts 1 per unit). */
  readonly delta: Float64Array;
  /** Per unit of underlying price, squared. */
  readonly gamma: Float64Array;
  /** Per 1.00 (100 points) of volatility. */
  readonly vega: Float64Array;
  /** Per year (divide by 365 for per calendar day). */
  readonly theta: Float64Array;
}

export interface OptionOpening {
  readonly bar: number;
  readonly time: number;
  readonly id: string;
  readonly type: OptionType;
  readonly strike: number;
  readonly expiry: number;
  /** Signed contracts (negative = written). */
  readonly quantity: number;
  readonly spot: number;
  readonly volatility: number;
  /** BSM premium per unit of underlying. */
  readonly premium: number;
  readonly fee: number;
  readonly delta: number;
  readonly gamma: number;
  readonly vega: number;
  readonly theta: number;
}

export interface OptionExit {
  readonly bar: number;
  readonly time: number;
  readonly id: string;
  /** `expire`: settled at intrinsic value; `close`: bought back / sold at the BSM price when the signal turned off. */
  readonly kind: "expire" | "close";
  readonly spot: number;
  /** Intrinsic value (expiry) or BSM price (close) per unit. */
  readonly price: number;
  readonly exercised: boolean;
  readonly cashFlow: number;
  /** Quantity · contract_size · (price − premium) minus both fees. */
  readonly pnl: number;
}

export interface OptionsLog {
  readonly kind: "option";
  readonly strategy: string;
  /** Modelled implied volatility at each close (NaN during the realized-volatility warm-up). */
  readonly volatility: Float64Array;
  /** Signed option contracts of the package open at each close (per leg; 0 when none). */
  readonly contracts: Float64Array;
  /** Mark-to-market value of the open options at each close (written options negative). */
  readonly optionValue: Float64Array;
  readonly greeks: GreekSeries;
  readonly openings: OptionOpening[];
  readonly exits: OptionExit[];
}

export type DerivativesLog = FuturesLog | OptionsLog;

export interface InstrumentBacktestResult extends VectorizedResult {
  /** Instrument type (`future`, `option`). */
  readonly instrument: string;
  /** Panel index of the traded symbol. */
  readonly symbol: number;
  readonly derivatives: DerivativesLog;
}
