import type { OpenTrade } from "./open-trade.js";

/** What a strategy passes to `buy()` / `sell()`. */
export interface OrderOptions {
  /**
   * Units (≥ 1, whole unless `fractionalUnits`) or a fraction of the
   * available margin (0 < size < 1). Default: almost all (1 - ε), like
   * backtesting.py.
   */
  readonly size?: number;
  /** Limit price: buy at or below / sell at or above. */
  readonly limit?: number;
  /** Stop price: the order becomes active (market, or limit when `limit` is set) once touched. */
  readonly stop?: number;
  /** Stop-loss price of the resulting trade. */
  readonly sl?: number;
  /** Take-profit price of the resulting trade. */
  readonly tp?: number;
  /** Trailing stop of the resulting trade: a fraction of the close (0.05) … */
  readonly trailPercent?: number;
  /** … or a price distance. The stop only moves in the trade's favour, once per bar after the close. */
  readonly trailAmount?: number;
  /** Symbol index or name; default the first symbol. */
  readonly symbol?: number | string;
  /** Free-form label copied to the trade. */
  readonly tag?: string;
}

export type OrderRole = "entry" | "stop_loss" | "take_profit" | "close";

/** A pending order in the broker's queue. Mutable only by the broker. */
export class Order {
  constructor(
    readonly symbol: number,
    /** Signed size: units, or a fraction of available margin when |size| < 1. */
    public size: number,
    public limit: number | undefined,
    public stop: number | undefined,
    readonly sl: number | undefined,
    readonly tp: number | undefined,
    readonly trailPercent: number | undefined,
    readonly trailAmount: number | undefined,
    readonly tag: string | undefined,
    readonly role: OrderRole,
    readonly parentTrade: OpenTrade | undefined,
    /** Bar the order was placed on. */
    readonly placedBar: number,
  ) {}

  get isLong(): boolean {
    return this.size > 0;
  }

  /** Stop-loss / take-profit / close orders attached to a trade. */
  get isContingent(): boolean {
    return this.parentTrade !== undefined;
  }
}
