import type { Trade } from "../../contracts/portfolio.js";
import { netTradeReturn } from "../stats/trade-return.js";
import type { Order } from "./order.js";

/** An active trade in the event-driven broker (backtesting.py's `Trade`). */
export class OpenTrade {
  slOrder: Order | undefined;
  tpOrder: Order | undefined;
  /** Commissions, borrow and price-shift costs charged to this trade so far. */
  commission = 0;

  constructor(
    readonly symbol: number,
    /** Signed units. */
    public size: number,
    /** Fill price including spread, slippage, impact (and the commission in entry_price mode). */
    readonly entryPrice: number,
    readonly entryBar: number,
    readonly tag: string | undefined,
    readonly trailPercent: number | undefined,
    readonly trailAmount: number | undefined,
  ) {}

  get isLong(): boolean {
    return this.size > 0;
  }

  /** Unrealized profit at `price`, before costs. */
  grossPl(price: number): number {
    return this.size * (price - this.entryPrice);
  }

  /** The contract record of this trade closed at `exitPrice` on `exitBar`. */
  toTrade(exitBar: number, exitPrice: number, timestamps: Float64Array): Trade {
    return {
      symbol: this.symbol,
      size: this.size,
      entryBar: this.entryBar,
      exitBar,
      entryPrice: this.entryPrice,
      exitPrice,
      entryTime: timestamps[this.entryBar]!,
      exitTime: timestamps[exitBar]!,
      pnl: this.grossPl(exitPrice) - this.commission,
      returnPct: netTradeReturn(this.size, this.entryPrice, exitPrice, this.commission),
      commission: this.commission,
      ...(this.tag !== undefined ? { tag: this.tag } : {}),
    };
  }
}
