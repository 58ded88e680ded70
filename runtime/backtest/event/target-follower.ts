/**
 * The event-driven strategy that follows a target-weight signal (a rule
 * strategy's or an agent's): at every bar it reads the signal's weights up to
 * that bar only (revealed like any indicator), passes them through the risk
 * overlay with the broker's real portfolio, and when a symbol's target changes
 * it trades the difference between the target position and the held one:
 * reductions as market orders, entries as the spec's order type (market,
 * limit, stop, stop-limit) with stop-loss, take-profit and trailing stops
 * attached. Unfilled entries are cancelled when the target changes again or
 * after `cancel_after_bars`.
 */
import type { Mutable } from "../../core/mutable.js";
import type { PortfolioState, RiskEvent, TargetOverlay } from "../../contracts/portfolio.js";
import type { BacktestExecution } from "../../spec/types.generated.js";
import { bracketPrices, entryPrices } from "./order-prices.js";
import type { RevealedSeries } from "./revealed-series.js";
import { Strategy } from "./strategy.js";

export interface TargetFollowerParams {
  /** Target weights [symbol][t] over the whole panel (causal: t uses data ≤ t). */
  readonly weights: readonly Float64Array[];
  readonly execution: BacktestExecution;
  readonly overlay?: TargetOverlay;
  /** `on_change` trades a symbol only when its target changes; `every_bar` re-sizes every bar. */
  readonly rebalance: "on_change" | "every_bar";
  readonly integerUnits: boolean;
  /** Where the overlay's interventions are collected. */
  readonly riskEvents: RiskEvent[];
  /**
   * The panel's price columns for the overlay's portfolio view. Rules read
   * them up to the current bar only (the PortfolioState contract, as in the
   * vectorized engine).
   */
  readonly prices: Pick<PortfolioState, "closes" | "highs" | "lows">;
}

/** Weight changes smaller than this are not trades. */
const EPS = 1e-9;

export class TargetFollower extends Strategy<TargetFollowerParams> {
  private signal: RevealedSeries[] = [];
  private proposed = new Float64Array(0);
  private acted = new Float64Array(0);
  private readonly view: Mutable<PortfolioState> = {
    bar: 0,
    time: 0,
    equity: 0,
    peakEquity: 0,
    cash: 0,
    weights: new Float64Array(0),
    closes: [],
  };

  init(): void {
    const n = this.datas.length;
    this.signal = this.datas.map((_, s) =>
      this.I((d) => this.params.weights[s]!.subarray(0, d.close.length), "target weight", s),
    );
    this.proposed = new Float64Array(n);
    this.acted = new Float64Array(n).fill(Number.NaN);
    this.view.weights = new Float64Array(n);
    Object.assign(this.view, this.params.prices);
  }

  next(): void {
    const targets = this.targets();
    const { execution } = this.params;
    for (let s = 0; s < targets.length; s++) {
      const target = targets[s]!;
      this.expireEntries(s, execution.cancel_after_bars);
      if (this.params.rebalance === "on_change" && Math.abs(target - this.acted[s]!) <= EPS)
        continue;
      this.acted[s] = target;
      this.trade(s, target);
    }
  }

  /** The signal's weights at this bar after the risk overlay. */
  private targets(): Float64Array {
    for (let s = 0; s < this.signal.length; s++) {
      const w = this.signal[s]!.last;
      this.proposed[s] = Number.isNaN(w) ? 0 : w;
    }
    const overlay = this.params.overlay;
    if (overlay === undefined) return this.proposed;
    const view = this.view;
    const bar = this.data.close.length - 1;
    const equity = this.equity;
    view.bar = bar;
    view.time = this.data.time.last;
    view.equity = equity;
    view.peakEquity = Math.max(view.peakEquity, equity);
    for (let s = 0; s < this.datas.length; s++) {
      const close = this.datas[s]!.close.last;
      view.weights[s] = equity !== 0 ? (this.positionOf(s).size * close) / equity : 0;
    }
    const out = overlay.apply(this.proposed, view);
    for (const e of out.events) this.params.riskEvents.push(e);
    return out.targets;
  }

  /** Orders taking symbol `s` from its held units to `target` × equity. */
  private trade(s: number, target: number): void {
    this.cancelEntries(s, 0);
    const close = this.datas[s]!.close.last;
    if (!(close > 0)) return;
    let wanted = (target * this.equity) / close;
    if (this.params.integerUnits) wanted = Math.trunc(wanted);
    const held = this.positionOf(s).size;
    const delta = wanted - held;
    if (Math.abs(delta) <= EPS * Math.max(1, Math.abs(held))) return;
    // The part that reduces (or closes) the held position: at market.
    const reducing = Math.sign(delta) !== Math.sign(held) && held !== 0;
    const reduce = reducing ? Math.min(Math.abs(delta), Math.abs(held)) : 0;
    // Closing a portion of every open trade works with FIFO netting and with hedging alike.
    if (reduce > 0) this.positionOf(s).close(Math.min(1, reduce / Math.abs(held)));
    const open = Math.abs(delta) - reduce;
    if (open > EPS) this.entryOrder(s, Math.sign(delta) as 1 | -1, open, close);
  }

  private entryOrder(s: number, direction: 1 | -1, units: number, close: number): void {
    const size = this.units(units);
    if (size <= 0) return;
    const { execution } = this.params;
    const prices = entryPrices(execution, direction, close);
    const reference = prices.limit ?? prices.stop ?? close;
    const bracket = bracketPrices(execution, direction, reference);
    const options = {
      symbol: s,
      size,
      ...prices,
      ...bracket,
      ...(execution.trailing_stop !== undefined ? { trailPercent: execution.trailing_stop } : {}),
      tag: "signal",
    };
    if (direction > 0) this.buy(options);
    else this.sell(options);
  }

  /**
   * Order sizes ≥ 1 are units; the broker reads sizes below 1 as a fraction
   * of margin, so a fractional position smaller than one unit is not traded.
   */
  private units(units: number): number {
    const size = this.params.integerUnits ? Math.floor(units + EPS) : units;
    return size >= 1 ? size : 0;
  }

  private expireEntries(s: number, after: number | undefined): void {
    if (after !== undefined) this.cancelEntries(s, after);
  }

  /** Cancels symbol `s`'s entry orders placed at least `age` bars ago (0: all of them). */
  private cancelEntries(s: number, age: number): void {
    const bar = this.data.close.length - 1;
    const orders = this.orders;
    for (let k = orders.length - 1; k >= 0; k--) {
      const o = orders[k]!;
      if (!o.isContingent && o.symbol === s && bar - o.placedBar >= age) this.cancel(o);
    }
  }
}
