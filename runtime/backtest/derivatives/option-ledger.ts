/**
 * A ledger of European option positions that settles cash: premiums and
 * fees on open/close, Black–Scholes–Merton marking, and exercise/settlement
 * at expiry (cash-settled, or physical delivery into an underlying position).
 * Plain data in, plain data out: every function returns a new ledger and the
 * events it produced, so an event-driven engine can call it bar by bar.
 */
import { statsMessages } from "../../messages/stats.js";
import { bsmPrice, intrinsicValue, type OptionType } from "./black-scholes.js";

const MS_PER_YEAR = 365 * 86_400_000;

export interface OptionContract {
  readonly type: OptionType;
  readonly strike: number;
  /** Expiry time, epoch ms. */
  readonly expiry: number;
  /** Units of underlying per contract (100 for US equity options). */
  readonly multiplier: number;
  /** "cash": pays the intrinsic value; "physical": delivers the underlying at the strike. */
  readonly settlement: "cash" | "physical";
}

export interface OptionPosition {
  readonly id: string;
  readonly contract: OptionContract;
  /** Signed number of contracts (negative = written/short). */
  readonly quantity: number;
  /** Premium per unit of underlying paid (long) or received (short) at entry. */
  readonly entryPremium: number;
  readonly entryTime: number;
}

export interface OptionLedger {
  readonly cash: number;
  readonly positions: readonly OptionPosition[];
  /** Units of the underlying delivered by physical settlement (signed). */
  readonly underlyingUnits: number;
  readonly realizedPnl: number;
  readonly fees: number;
}

export type OptionEvent =
  | { readonly kind: "open"; readonly id: string; readonly time: number; readonly cashFlow: number }
  | {
      readonly kind: "close";
      readonly id: string;
      readonly time: number;
      readonly cashFlow: number;
      readonly pnl: number;
    }
  | {
      readonly kind: "expire";
      readonly id: string;
      readonly time: number;
      /** Whether the option finished in the money and was exercised/assigned. */
      readonly exercised: boolean;
      readonly cashFlow: number;
      readonly underlyingDelta: number;
      readonly pnl: number;
    };

export interface LedgerUpdate {
  readonly ledger: OptionLedger;
  readonly events: OptionEvent[];
}

export function createOptionLedger(cash: number): OptionLedger {
  return { cash, positions: [], underlyingUnits: 0, realizedPnl: 0, fees: 0 };
}

/** Buys (quantity > 0) or writes (quantity < 0) contracts at `premium` per unit of underlying. */
export function openOption(
  ledger: OptionLedger,
  order: {
    id: string;
    contract: OptionContract;
    quantity: number;
    premium: number;
    time: number;
    fee?: number;
  },
): LedgerUpdate {
  const fee = order.fee ?? 0;
  const cashFlow = -order.quantity * order.contract.multiplier * order.premium - fee;
  const position: OptionPosition = {
    id: order.id,
    contract: order.contract,
    quantity: order.quantity,
    entryPremium: order.premium,
    entryTime: order.time,
  };
  return {
    ledger: {
      ...ledger,
      cash: ledger.cash + cashFlow,
      positions: [...ledger.positions, position],
      fees: ledger.fees + fee,
      realizedPnl: ledger.realizedPnl - fee,
    },
    events: [{ kind: "open", id: order.id, time: order.time, cashFlow }],
  };
}

/** Closes a whole position at `premium` per unit. */
export function closeOption(
  ledger: OptionLedger,
  close: { id: string; premium: number; time: number; fee?: number },
): LedgerUpdate {
  const position = ledger.positions.find((p) => p.id === close.id);
  if (!position) throw new RangeError(statsMessages.unknownPosition(close.id));
  const fee = close.fee ?? 0;
  const units = position.quantity * position.contract.multiplier;
  const cashFlow = units * close.premium - fee;
  const pnl = units * (close.premium - position.entryPremium) - fee;
  return {
    ledger: {
      ...ledger,
      cash: ledger.cash + cashFlow,
      positions: ledger.positions.filter((p) => p !== position),
      fees: ledger.fees + fee,
      realizedPnl: ledger.realizedPnl + pnl,
    },
    events: [{ kind: "close", id: close.id, time: close.time, cashFlow, pnl }],
  };
}

export interface OptionMarket {
  readonly spot: number;
  readonly rate: number;
  readonly dividendYield?: number;
  readonly volatility: number;
  /** Valuation time, epoch ms. */
  readonly time: number;
}

/** Value of one unit of a position's option under BSM (intrinsic at/after expiry). */
export function optionUnitValue(contract: OptionContract, market: OptionMarket): number {
  const timeToExpiry = Math.max(0, (contract.expiry - market.time) / MS_PER_YEAR);
  return bsmPrice({
    type: contract.type,
    spot: market.spot,
    strike: contract.strike,
    rate: market.rate,
    dividendYield: market.dividendYield ?? 0,
    volatility: market.volatility,
    timeToExpiry,
  });
}

/** Mark-to-market value of the open option positions (signed: written options are liabilities). */
export function optionPositionsValue(ledger: OptionLedger, market: OptionMarket): number {
  let value = 0;
  for (const p of ledger.positions)
    value += p.quantity * p.contract.multiplier * optionUnitValue(p.contract, market);
  return value;
}

/** Cash + option positions at BSM value + delivered underlying at spot. */
export function optionLedgerEquity(ledger: OptionLedger, market: OptionMarket): number {
  return ledger.cash + optionPositionsValue(ledger, market) + ledger.underlyingUnits * market.spot;
}

/**
 * Settles every position whose expiry is at or before `time`, at the
 * underlying's price `spotAtExpiry`. In-the-money options are exercised
 * (long) or assigned (short): cash settlement pays quantity · multiplier ·
 * intrinsic; physical settlement moves quantity · multiplier units of the
 * underlying at the strike (a long call buys, a long put sells). Out of the
 * money, the option expires worthless.
 */
export function settleExpiredOptions(
  ledger: OptionLedger,
  time: number,
  spotAtExpiry: number,
): LedgerUpdate {
  let next = ledger;
  const events: OptionEvent[] = [];
  for (const p of ledger.positions) {
    if (p.contract.expiry > time) continue;
    const units = p.quantity * p.contract.multiplier;
    const intrinsic = intrinsicValue(p.contract.type, spotAtExpiry, p.contract.strike);
    const exercised = intrinsic > 0;
    let cashFlow = 0;
    let underlyingDelta = 0;
    if (exercised && p.contract.settlement === "cash") {
      cashFlow = units * intrinsic;
    } else if (exercised) {
      underlyingDelta = p.contract.type === "call" ? units : -units;
      cashFlow = -underlyingDelta * p.contract.strike;
    }
    // P&L against the premium, with delivered units valued at the settlement price.
    const pnl = units * (intrinsic - p.entryPremium);
    next = {
      ...next,
      cash: next.cash + cashFlow,
      underlyingUnits: next.underlyingUnits + underlyingDelta,
      positions: next.positions.filter((q) => q !== p),
      realizedPnl: next.realizedPnl + pnl,
    };
    events.push({ kind: "expire", id: p.id, time, exercised, cashFlow, underlyingDelta, pnl });
  }
  return { ledger: next, events };
}
