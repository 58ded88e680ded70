/**
 * The strategy API of the event-driven engine, in the spirit of
 * backtesting.py: subclass `Strategy`, compute indicators once in `init()`
 * with `this.I(fn)`, and decide in `next()`, which sees every series only up
 * to the current bar.
 *
 *     class SmaCross extends Strategy<{ fast: number; slow: number }> {
 *       fastMa!: RevealedSeries;
 *       slowMa!: RevealedSeries;
 *       init() {
 *         this.fastMa = this.I((d) => sma(d.close, this.params.fast), "SMA fast");
 *         this.slowMa = this.I((d) => sma(d.close, this.params.slow), "SMA slow");
 *       }
 *       next() {
 *         if (crossover(this.fastMa, this.slowMa)) this.buy();
 *         else if (crossover(this.slowMa, this.fastMa)) this.sell();
 *       }
 *     }
 *
 * Indicator functions receive the symbol's full columns (up to the end of
 * the run) and must be causal: output t may depend on inputs ≤ t only.
 * `verifyIndicators` in the run options checks that on truncated data.
 */
import type { Trade } from "../../contracts/portfolio.js";
import { type Broker, FULL_SIZE } from "./broker.js";
import type { OpenTrade } from "./open-trade.js";
import type { Order, OrderOptions } from "./order.js";
import type { RevealedBars, RevealedSeries } from "./revealed-series.js";

/** Full columns of one symbol, handed to indicator functions in `init()`. */
export interface IndicatorInput {
  readonly symbol: number;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly time: Float64Array;
}

/** What the engine hands a strategy; strategies never build it themselves. */
export interface StrategyContext {
  readonly broker: Broker;
  readonly bars: readonly RevealedBars[];
  readonly symbols: readonly string[];
  /** Registers an indicator computed from a symbol's full columns. */
  indicator(
    fn: (input: IndicatorInput) => Float64Array,
    name: string,
    symbol: number,
  ): RevealedSeries;
}

/** A symbol's net position, as backtesting.py's `Position`. */
export class Position {
  constructor(
    private readonly broker: Broker,
    readonly symbol: number,
  ) {}

  /** Net units (negative = short). */
  get size(): number {
    return this.broker.positionSize(this.symbol);
  }

  /** Unrealized profit in account currency, before exit costs. */
  get pl(): number {
    const price = this.broker.lastPrice(this.symbol);
    let pl = 0;
    for (const t of this.broker.trades) if (t.symbol === this.symbol) pl += t.grossPl(price);
    return pl;
  }

  get isLong(): boolean {
    return this.size > 0;
  }

  get isShort(): boolean {
    return this.size < 0;
  }

  /** Closes `portion` of every open trade of this symbol at the next fill. */
  close(portion = 1): void {
    for (const t of [...this.broker.trades]) {
      if (t.symbol === this.symbol) this.broker.requestClose(t, portion);
    }
  }
}

export abstract class Strategy<P extends object = Record<string, number>> {
  /** The first symbol's bars (most strategies trade one symbol). */
  readonly data: RevealedBars;
  /** Every symbol's bars, in panel order. */
  readonly datas: readonly RevealedBars[];
  private readonly positions: Position[];

  constructor(
    private readonly ctx: StrategyContext,
    readonly params: P,
  ) {
    this.datas = ctx.bars;
    this.data = ctx.bars[0]!;
    this.positions = ctx.bars.map((_, s) => new Position(ctx.broker, s));
  }

  /** Compute indicators here with `this.I`. */
  abstract init(): void;
  /** Called once per bar after orders were processed; decide here. */
  abstract next(): void;

  /** Declares an indicator: computed once, revealed bar by bar. */
  I(
    fn: (input: IndicatorInput) => Float64Array,
    name = "indicator",
    symbol: number | string = 0,
  ): RevealedSeries {
    return this.ctx.indicator(fn, name, this.symbolIndex(symbol));
  }

  buy(options: OrderOptions = {}): Order {
    return this.order(1, options);
  }

  sell(options: OrderOptions = {}): Order {
    return this.order(-1, options);
  }

  /** The first symbol's position. */
  get position(): Position {
    return this.positions[0]!;
  }

  positionOf(symbol: number | string): Position {
    return this.positions[this.symbolIndex(symbol)]!;
  }

  /** Active trades (all symbols). */
  get trades(): readonly OpenTrade[] {
    return this.ctx.broker.trades;
  }

  get closedTrades(): readonly Trade[] {
    return this.ctx.broker.closedTrades;
  }

  get orders(): readonly Order[] {
    return this.ctx.broker.orders;
  }

  get equity(): number {
    return this.ctx.broker.equity;
  }

  closeTrade(trade: OpenTrade, portion = 1): void {
    this.ctx.broker.requestClose(trade, portion);
  }

  /** Sets, moves or (with undefined) removes a trade's stop-loss. */
  setStopLoss(trade: OpenTrade, price: number | undefined): void {
    this.ctx.broker.setContingent(trade, "sl", price);
  }

  setTakeProfit(trade: OpenTrade, price: number | undefined): void {
    this.ctx.broker.setContingent(trade, "tp", price);
  }

  cancel(order: Order): void {
    this.ctx.broker.cancel(order);
  }

  private order(direction: 1 | -1, o: OrderOptions): Order {
    const size = o.size ?? FULL_SIZE;
    if (!(size > 0))
      throw new RangeError(`order size must be > 0 (use sell() to go short), got ${size}`);
    return this.ctx.broker.newOrder(this.symbolIndex(o.symbol ?? 0), direction * size, {
      limit: o.limit,
      stop: o.stop,
      sl: o.sl,
      tp: o.tp,
      trailPercent: o.trailPercent,
      trailAmount: o.trailAmount,
      tag: o.tag,
    });
  }

  private symbolIndex(symbol: number | string): number {
    const k = typeof symbol === "number" ? symbol : this.ctx.symbols.indexOf(symbol);
    if (!(k >= 0 && k < this.ctx.symbols.length)) {
      throw new RangeError(
        `unknown symbol ${symbol}; the panel has ${this.ctx.symbols.join(", ")}`,
      );
    }
    return k;
  }
}

export type StrategyClass<P extends object> = new (ctx: StrategyContext, params: P) => Strategy<P>;
