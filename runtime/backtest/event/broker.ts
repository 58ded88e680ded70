/**
 * The event-driven broker, following backtesting.py's `_Broker` semantics
 * (order queue, FIFO netting, contingent SL/TP orders, proportional sizing
 * against available margin), extended to many symbols sharing one account,
 * a full cost model, volume participation limits with partial fills,
 * trailing stops and short borrow.
 *
 * Prices seen while processing bar i: open[i], high[i], low[i] and, for
 * `this_close` fills of orders placed at bar i-1, close[i-1]. Nothing later.
 */
import type { OhlcvPanel } from "../../contracts/panel.js";
import type { Trade } from "../../contracts/portfolio.js";
import type { CostModel } from "../costs/cost-model.js";
import { type FillTiming, yearsBetween } from "../fill-timing.js";
import { OpenTrade } from "./open-trade.js";
import { Order, type OrderRole } from "./order.js";

export interface BrokerOptions {
  readonly cash: number;
  readonly costs: CostModel;
  /** Required margin as a fraction (1 = no leverage, 0.5 = 2×). Default 1. */
  readonly margin?: number;
  readonly fill?: FillTiming;
  /** Every new entry order cancels pending entries and closes open trades. */
  readonly exclusiveOrders?: boolean;
  /** Allow long and short trades of a symbol at once (no FIFO netting). */
  readonly hedging?: boolean;
  /** Fill at most this fraction of a bar's volume; the rest waits (partial fills). */
  readonly maxParticipation?: number;
  /** Allow fractional units (default: whole units, like backtesting.py). */
  readonly fractionalUnits?: boolean;
  /**
   * An entry larger than the margin allows at its fill price is cut to what
   * the margin allows (the rest is dropped) instead of being cancelled whole
   * (backtesting.py's behaviour, the default).
   */
  readonly shrinkToMargin?: boolean;
}

/** Default proportional size: almost all available margin (backtesting.py's 1 - ε). */
export const FULL_SIZE = 1 - Number.EPSILON;

interface BarPrices {
  open: number;
  high: number;
  low: number;
  prevClose: number;
}

export class Broker {
  readonly orders: Order[] = [];
  readonly trades: OpenTrade[] = [];
  readonly closedTrades: Trade[] = [];
  /** Realized account value: initial cash + realized P&L − costs. */
  balance: number;
  commissions = 0;
  bar = 0;
  private readonly leverage: number;
  private readonly fill: FillTiming;
  private readonly bars: BarPrices = { open: 0, high: 0, low: 0, prevClose: 0 };

  constructor(
    private readonly panel: OhlcvPanel,
    private readonly options: BrokerOptions,
  ) {
    const margin = options.margin ?? 1;
    if (!(margin > 0 && margin <= 1))
      throw new RangeError(`margin must be in (0, 1], got ${margin}`);
    if (!(options.cash > 0)) throw new RangeError(`cash must be > 0, got ${options.cash}`);
    this.leverage = 1 / margin;
    this.balance = options.cash;
    this.fill = options.fill ?? "next_open";
  }

  /** Close of `symbol` at the current bar. */
  lastPrice(symbol: number): number {
    return this.panel.close[symbol]![this.bar]!;
  }

  get equity(): number {
    let value = this.balance;
    for (const t of this.trades) value += t.grossPl(this.lastPrice(t.symbol));
    return value;
  }

  /** Cash in the account: equity minus the marked value of open positions. */
  get cash(): number {
    let value = this.balance;
    for (const t of this.trades) value -= t.size * t.entryPrice;
    return value;
  }

  get marginAvailable(): number {
    let used = 0;
    for (const t of this.trades) used += Math.abs(t.size) * this.lastPrice(t.symbol);
    return Math.max(0, this.equity - used / this.leverage);
  }

  /** Units held in `symbol` (net of long and short trades). */
  positionSize(symbol: number): number {
    let size = 0;
    for (const t of this.trades) if (t.symbol === symbol) size += t.size;
    return size;
  }

  newOrder(
    symbol: number,
    size: number,
    opts: {
      limit?: number | undefined;
      stop?: number | undefined;
      sl?: number | undefined;
      tp?: number | undefined;
      trailPercent?: number | undefined;
      trailAmount?: number | undefined;
      tag?: string | undefined;
    },
    role: OrderRole = "entry",
    parent?: OpenTrade,
  ): Order {
    if (!(size !== 0 && Number.isFinite(size)))
      throw new RangeError(`order size must be non-zero, got ${size}`);
    if (Math.abs(size) >= 1 && !this.options.fractionalUnits && size !== Math.round(size)) {
      throw new RangeError(
        `order size ${size} must be a whole number of units or a fraction in (0, 1)`,
      );
    }
    if (role === "entry") this.checkBracket(symbol, size, opts);
    const order = new Order(
      symbol,
      size,
      opts.limit,
      opts.stop,
      opts.sl,
      opts.tp,
      opts.trailPercent,
      opts.trailAmount,
      opts.tag,
      role,
      parent,
      this.bar,
    );
    if (parent !== undefined) {
      this.orders.unshift(order);
      return order;
    }
    if (this.options.exclusiveOrders) {
      for (const o of [...this.orders]) if (!o.isContingent) this.cancel(o);
      for (const t of [...this.trades]) this.requestClose(t, 1);
    }
    this.orders.push(order);
    return order;
  }

  cancel(order: Order): void {
    const k = this.orders.indexOf(order);
    if (k >= 0) this.orders.splice(k, 1);
    const parent = order.parentTrade;
    if (parent?.slOrder === order) parent.slOrder = undefined;
    if (parent?.tpOrder === order) parent.tpOrder = undefined;
  }

  /** Queues an order closing `portion` of the trade at the next fill. */
  requestClose(trade: OpenTrade, portion: number): Order {
    if (!(portion > 0 && portion <= 1))
      throw new RangeError(`portion must be in (0, 1], got ${portion}`);
    const units = this.options.fractionalUnits
      ? Math.abs(trade.size) * portion
      : Math.max(1, Math.round(Math.abs(trade.size) * portion));
    return this.newOrder(trade.symbol, -Math.sign(trade.size) * units, {}, "close", trade);
  }

  /** Sets (or with undefined removes) a trade's stop-loss or take-profit order. */
  setContingent(trade: OpenTrade, kind: "sl" | "tp", price: number | undefined): void {
    const existing = kind === "sl" ? trade.slOrder : trade.tpOrder;
    if (existing !== undefined) this.cancel(existing);
    if (price === undefined) return;
    if (!(price > 0 && Number.isFinite(price)))
      throw new RangeError(`${kind} must be a positive price, got ${price}`);
    const order = this.newOrder(
      trade.symbol,
      -trade.size,
      kind === "sl" ? { stop: price } : { limit: price },
      kind === "sl" ? "stop_loss" : "take_profit",
      trade,
    );
    if (kind === "sl") trade.slOrder = order;
    else trade.tpOrder = order;
  }

  /** Processes the queue against bar `i`; called once per bar before the strategy's `next()`. */
  processBar(i: number): void {
    this.bar = i;
    this.processOrders();
  }

  /**
   * Accrues borrow on the short trades held over the previous close, for the
   * time since then, valued at that close. Call before processing bar i.
   */
  accrueBorrow(i: number): void {
    if (i === 0) return;
    const years = yearsBetween(this.panel.timestamps[i - 1]!, this.panel.timestamps[i]!);
    for (const t of this.trades) {
      if (t.size >= 0) continue;
      const fee = this.options.costs.borrow(-t.size * this.panel.close[t.symbol]![i - 1]!, years);
      if (fee === 0) continue;
      this.balance -= fee;
      t.commission += fee;
    }
  }

  /** Moves trailing stops with bar i's close (effective from bar i+1). */
  updateTrailingStops(i: number): void {
    for (const t of this.trades) {
      if (t.trailPercent === undefined && t.trailAmount === undefined) continue;
      const close = this.panel.close[t.symbol]![i]!;
      const distance = t.trailAmount ?? close * t.trailPercent!;
      const candidate = t.isLong ? close - distance : close + distance;
      const current = t.slOrder?.stop;
      const better =
        current === undefined || (t.isLong ? candidate > current : candidate < current);
      if (better && candidate > 0) this.setContingent(t, "sl", candidate);
    }
  }

  /** Closes every open trade at bar i's close (end of run, session flattening, out of money). */
  closeAllAtClose(i: number): void {
    for (const t of [...this.trades]) this.closeTrade(t, this.panel.close[t.symbol]![i]!, i);
  }

  private processOrders(): void {
    let reprocess = false;
    for (const order of [...this.orders]) {
      if (!this.orders.includes(order)) continue;
      this.loadPrices(order.symbol);
      const outcome = this.processOrder(order);
      if (outcome === "reprocess") reprocess = true;
    }
    if (reprocess) this.processOrders();
  }

  private loadPrices(symbol: number): void {
    const i = this.bar;
    const p = this.panel;
    this.bars.open = p.open[symbol]![i]!;
    this.bars.high = p.high[symbol]![i]!;
    this.bars.low = p.low[symbol]![i]!;
    this.bars.prevClose = i > 0 ? p.close[symbol]![i - 1]! : Number.NaN;
  }

  private processOrder(order: Order): "skip" | "done" | "reprocess" {
    const { open, high, low, prevClose } = this.bars;
    const stop = order.stop;
    if (stop !== undefined) {
      const hit = order.isLong ? high >= stop : low <= stop;
      if (!hit) return "skip";
      order.stop = undefined; // a touched stop becomes a market or limit order
    }
    const isMarket = order.limit === undefined && stop === undefined;
    const onClose =
      isMarket && this.fill === "this_close" && !isProtective(order) && order.placedBar < this.bar;
    let price: number;
    if (order.limit !== undefined) {
      const limit = order.limit;
      const hit = order.isLong ? low <= limit : high >= limit;
      // Stop and limit hit in one bar: pessimistically assume the limit came first.
      const limitBeforeStop =
        hit && stop !== undefined && (order.isLong ? limit < stop : limit > stop);
      if (!hit || limitBeforeStop) return "skip";
      price = order.isLong ? Math.min(stop ?? open, limit) : Math.max(stop ?? open, limit);
    } else {
      price = onClose ? prevClose : open;
      if (stop !== undefined) price = order.isLong ? Math.max(price, stop) : Math.min(price, stop);
    }
    const fillBar = onClose ? this.bar - 1 : this.bar;

    if (order.parentTrade !== undefined) {
      this.fillContingent(order, price, fillBar);
      return "done";
    }
    const opened = this.fillEntry(order, price, fillBar);
    if (opened && (order.sl !== undefined || order.tp !== undefined) && isMarket)
      return "reprocess";
    return "done";
  }

  private fillContingent(order: Order, price: number, fillBar: number): void {
    const trade = order.parentTrade!;
    if (this.trades.includes(trade)) {
      let units = Math.min(Math.abs(trade.size), Math.abs(order.size));
      const cap =
        order.role === "close" ? this.participationCap(order.symbol) : Number.POSITIVE_INFINITY;
      if (units > cap) {
        units = cap;
        if (units <= 0) return; // nothing fills this bar; the order waits
        this.reduceTrade(trade, price, fillBar, units);
        order.size = Math.sign(order.size) * (Math.abs(order.size) - units);
        return;
      }
      this.reduceTrade(trade, price, fillBar, units);
    }
    if (this.orders.includes(order)) this.removeOrder(order);
  }

  /** Fills a stand-alone order; returns whether a new trade was opened. */
  private fillEntry(order: Order, price: number, fillBar: number): boolean {
    const { costs } = this.options;
    const symbol = order.symbol;
    const sign = Math.sign(order.size);
    // Cost of one unit as backtesting.py sizes it: the adjusted (signed) fill
    // price plus the percentage commission.
    const perUnitOpen =
      price +
      sign *
        (costs.priceShift(symbol, this.bar, order.size, price) +
          costs.openingCommissionShift(price)) +
      price * (costs.commissionMode === "per_fill" ? costs.commissionRate : 0);
    let need = order.size;
    if (Math.abs(need) < 1) {
      const budget = this.marginAvailable * this.leverage * Math.abs(need);
      let units = budget / perUnitOpen;
      if (!this.options.fractionalUnits) units = Math.floor(units);
      if (!(units > 0)) {
        this.removeOrder(order);
        return false;
      }
      need = sign * units;
      order.size = need; // from now on in units (matters for partial fills)
    }
    const cap = this.participationCap(symbol);
    const fillUnits = Math.min(Math.abs(need), cap);
    if (fillUnits <= 0) return false; // no volume this bar: wait
    let remaining = sign * fillUnits;

    if (!this.options.hedging) {
      for (const trade of [...this.trades]) {
        if (trade.symbol !== symbol || trade.isLong === order.isLong) continue;
        const closing = Math.min(Math.abs(trade.size), Math.abs(remaining));
        this.reduceTrade(trade, price, fillBar, closing);
        remaining -= sign * closing;
        if (remaining === 0) break;
      }
    }
    if (remaining !== 0) {
      const shift =
        costs.priceShift(symbol, this.bar, remaining, price) + costs.openingCommissionShift(price);
      const fillPrice = price + sign * shift;
      let fee = costs.commission(remaining, price);
      const budget = this.marginAvailable * this.leverage;
      if (Math.abs(remaining) * fillPrice + fee > budget) {
        const affordable = this.options.shrinkToMargin
          ? this.affordableUnits(budget, fillPrice, price)
          : 0;
        if (!(affordable > 0)) {
          // Not enough margin: the broker cancels the (rest of the) order.
          this.removeOrder(order);
          return false;
        }
        remaining = sign * affordable;
        // Size-dependent costs (impact) are charged for the size actually filled.
        const cutShift =
          costs.priceShift(symbol, this.bar, remaining, price) +
          costs.openingCommissionShift(price);
        fee = costs.commission(remaining, price);
        this.openTrade(order, remaining, price + sign * cutShift, fee, fillBar);
        this.removeOrder(order);
        return true;
      }
      this.openTrade(order, remaining, fillPrice, fee, fillBar);
    }
    const left = Math.abs(order.size) - fillUnits;
    if (left > 0) {
      order.size = sign * left; // partial fill: the rest waits for the next bar
    } else {
      this.removeOrder(order);
    }
    return remaining !== 0;
  }

  private openTrade(
    order: Order,
    units: number,
    fillPrice: number,
    fee: number,
    bar: number,
  ): void {
    const trade = new OpenTrade(
      order.symbol,
      units,
      fillPrice,
      bar,
      order.tag,
      order.trailPercent,
      order.trailAmount,
    );
    this.trades.push(trade);
    this.balance -= fee;
    this.commissions += fee;
    trade.commission += fee;
    // TP first, then SL: both go to the queue front, so SL is processed first on a tie.
    if (order.tp !== undefined) this.setContingent(trade, "tp", order.tp);
    if (order.sl !== undefined) this.setContingent(trade, "sl", order.sl);
    if (order.trailPercent !== undefined || order.trailAmount !== undefined) {
      // Initial trailing stop from the fill price; it then follows the closes.
      const distance = order.trailAmount ?? fillPrice * order.trailPercent!;
      const stop = units > 0 ? fillPrice - distance : fillPrice + distance;
      if (stop > 0) this.setContingent(trade, "sl", stop);
    }
  }

  /** Closes `units` of `trade` at `price` (before exit costs). */
  private reduceTrade(trade: OpenTrade, price: number, bar: number, units: number): void {
    if (units >= Math.abs(trade.size)) {
      this.closeTrade(trade, price, bar);
      return;
    }
    // Split: the closed part becomes its own trade record.
    const part = new OpenTrade(
      trade.symbol,
      Math.sign(trade.size) * units,
      trade.entryPrice,
      trade.entryBar,
      trade.tag,
      undefined,
      undefined,
    );
    const share = units / Math.abs(trade.size);
    part.commission = trade.commission * share;
    trade.commission -= part.commission;
    trade.size -= part.size;
    if (trade.slOrder) trade.slOrder.size = -trade.size;
    if (trade.tpOrder) trade.tpOrder.size = -trade.size;
    this.trades.push(part);
    this.closeTrade(part, price, bar);
  }

  private closeTrade(trade: OpenTrade, price: number, bar: number): void {
    const { costs } = this.options;
    const k = this.trades.indexOf(trade);
    if (k >= 0) this.trades.splice(k, 1);
    if (trade.slOrder) this.removeOrder(trade.slOrder);
    if (trade.tpOrder) this.removeOrder(trade.tpOrder);
    const exitUnits = -trade.size;
    const shift = costs.priceShift(trade.symbol, this.bar, exitUnits, price);
    const exitPrice = price - Math.sign(trade.size) * shift;
    const fee = costs.commission(exitUnits, price);
    this.balance += trade.grossPl(exitPrice) - fee;
    this.commissions += fee;
    trade.commission += fee;
    this.closedTrades.push(trade.toTrade(bar, exitPrice, this.panel.timestamps));
  }

  /** Most units whose cost plus commission fit in `budget` (whole units unless fractional). */
  private affordableUnits(budget: number, fillPrice: number, price: number): number {
    const { costs } = this.options;
    const round = (u: number) => (this.options.fractionalUnits ? u : Math.floor(u));
    let units = round(budget / (fillPrice * (1 + costs.commissionRate)));
    // Fixed and minimum commissions: step down until the fill fits.
    for (let k = 0; k < 50 && units > 0; k++) {
      const fee = costs.commission(units, price);
      if (units * fillPrice + fee <= budget) return units;
      units = round(Math.max(0, (budget - fee) / fillPrice));
    }
    return units > 0 && units * fillPrice + costs.commission(units, price) <= budget ? units : 0;
  }

  private removeOrder(order: Order): void {
    const k = this.orders.indexOf(order);
    if (k >= 0) this.orders.splice(k, 1);
  }

  private participationCap(symbol: number): number {
    const p = this.options.maxParticipation;
    if (p === undefined) return Number.POSITIVE_INFINITY;
    const cap = this.panel.volume[symbol]![this.bar]! * p;
    return this.options.fractionalUnits ? cap : Math.floor(cap);
  }

  private checkBracket(
    symbol: number,
    size: number,
    opts: {
      limit?: number | undefined;
      stop?: number | undefined;
      sl?: number | undefined;
      tp?: number | undefined;
    },
  ): void {
    const ref = opts.limit ?? opts.stop ?? this.lastPrice(symbol);
    const sl = opts.sl;
    const tp = opts.tp;
    const ok =
      size > 0
        ? (sl ?? -Infinity) < ref && ref < (tp ?? Infinity)
        : (tp ?? -Infinity) < ref && ref < (sl ?? Infinity);
    if (!ok) {
      throw new RangeError(
        size > 0
          ? `long orders need SL (${sl}) < entry (${ref}) < TP (${tp})`
          : `short orders need TP (${tp}) < entry (${ref}) < SL (${sl})`,
      );
    }
  }
}

/** Stop-loss and take-profit orders fill at the first price that touches them (never at the previous close). */
function isProtective(order: Order): boolean {
  return order.role === "stop_loss" || order.role === "take_profit";
}
