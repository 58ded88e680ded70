import type { Trade } from "../../contracts/portfolio.js";
import { netTradeReturn } from "../stats/trade-return.js";

/**
 * Turns a symbol's stream of fills into round-trip trades: a trade opens
 * when the position leaves zero and closes when it returns to zero or flips
 * sign. Entry/exit prices are the volume-weighted fill prices of the
 * position-increasing / -reducing fills; pnl is after every cost charged to
 * the trip. Allocation happens only when a trade closes.
 */
export class RoundTripTracker {
  private position = 0;
  private entryBar = -1;
  private openedUnits = 0;
  private openedValue = 0;
  private closedUnits = 0;
  private closedValue = 0;
  private fees = 0;

  constructor(
    private readonly symbol: number,
    private readonly timestamps: Float64Array,
    private readonly sink: Trade[],
  ) {}

  /** Records a fill of `units` (signed) at `price`, paying `fee` (commission + borrow). */
  fill(bar: number, units: number, price: number, fee: number): void {
    if (units === 0) return;
    const before = this.position;
    const after = before + units;
    if (before === 0 || Math.sign(before) === Math.sign(units)) {
      this.open(bar, units, price, fee);
    } else if (Math.abs(units) <= Math.abs(before)) {
      this.reduce(units, price, fee);
      if (after === 0) this.close(bar);
    } else {
      // Flip: close the whole position, then open the remainder.
      const closing = -before;
      const share = Math.abs(closing / units);
      this.reduce(closing, price, fee * share);
      this.close(bar);
      this.open(bar, units - closing, price, fee * (1 - share));
    }
    this.position = after;
  }

  /** Adds a cost that is not part of a fill (borrow) to the open trip. */
  charge(fee: number): void {
    if (this.position !== 0) this.fees += fee;
  }

  /** The open trip marked at `price` on `bar`, or undefined when flat. */
  marked(bar: number, price: number): Trade | undefined {
    if (this.position === 0) return undefined;
    const remaining = this.openedUnits - this.closedUnits;
    return this.build(bar, this.closedValue + remaining * price, this.openedUnits);
  }

  private open(bar: number, units: number, price: number, fee: number): void {
    if (this.position === 0 || this.entryBar < 0) {
      this.entryBar = bar;
      this.openedUnits = 0;
      this.openedValue = 0;
      this.closedUnits = 0;
      this.closedValue = 0;
      this.fees = 0;
    }
    const size = Math.abs(units);
    this.openedUnits += size;
    this.openedValue += size * price;
    this.fees += fee;
  }

  private reduce(units: number, price: number, fee: number): void {
    const size = Math.abs(units);
    this.closedUnits += size;
    this.closedValue += size * price;
    this.fees += fee;
  }

  private close(bar: number): void {
    this.sink.push(this.build(bar, this.closedValue, this.closedUnits));
    this.entryBar = -1;
  }

  private build(bar: number, exitValue: number, units: number): Trade {
    const sign = Math.sign(this.position);
    const entryPrice = this.openedValue / this.openedUnits;
    const exitPrice = exitValue / units;
    const gross = sign * (exitValue - entryPrice * units);
    return {
      symbol: this.symbol,
      size: sign * this.openedUnits,
      entryBar: this.entryBar,
      exitBar: bar,
      entryPrice,
      exitPrice,
      entryTime: this.timestamps[this.entryBar]!,
      exitTime: this.timestamps[bar]!,
      pnl: gross - this.fees,
      returnPct: netTradeReturn(sign * this.openedUnits, entryPrice, exitPrice, this.fees),
      commission: this.fees,
    };
  }
}
