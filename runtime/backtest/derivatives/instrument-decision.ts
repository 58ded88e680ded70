/**
 * The target weight an instrument backtest acts on: the signal's weight of
 * the instrument's symbol decided at bar t (NaN → 0), passed through the risk
 * overlay when one is given. The overlay sees the portfolio as of bar t's
 * close (equity, peak, cash and the instrument's current weight: futures
 * notional or options delta exposure over equity), like the vectorized engine.
 */
import type { Mutable } from "../../core/mutable.js";
import type { OhlcvPanel } from "../../contracts/panel.js";
import type { PortfolioState, RiskEvent, TargetOverlay } from "../../contracts/portfolio.js";

export class InstrumentDecision {
  readonly events: RiskEvent[] = [];
  private readonly proposed: Float64Array;
  private readonly current: Float64Array;
  private readonly portfolio: Mutable<PortfolioState>;
  private readonly timestamps: Float64Array;

  constructor(
    panel: OhlcvPanel,
    private readonly weights: readonly Float64Array[],
    private readonly s: number,
    private readonly overlay: TargetOverlay | undefined,
  ) {
    const n = panel.symbols.length;
    this.proposed = new Float64Array(n);
    this.current = new Float64Array(n);
    this.portfolio = {
      bar: 0,
      time: 0,
      equity: 0,
      peakEquity: 0,
      cash: 0,
      weights: this.current,
      closes: panel.close,
      highs: panel.high,
      lows: panel.low,
    };
    this.timestamps = panel.timestamps;
    overlay?.reset();
  }

  /** The weight to act on for the decision of bar t. */
  target(
    t: number,
    portfolioAt: () => { equity: number; peakEquity: number; cash: number; weight: number },
  ): number {
    const own = this.weights[this.s]![t]!;
    if (!this.overlay) return Number.isNaN(own) ? 0 : own;
    const state = portfolioAt();
    for (let k = 0; k < this.proposed.length; k++) {
      // Only the instrument's symbol is traded: the others are proposed flat.
      const w = k === this.s ? this.weights[k]![t]! : 0;
      this.proposed[k] = Number.isNaN(w) ? 0 : w;
      this.current[k] = k === this.s ? state.weight : 0;
    }
    this.portfolio.bar = t;
    this.portfolio.time = this.timestamps[t]!;
    this.portfolio.equity = state.equity;
    this.portfolio.peakEquity = state.peakEquity;
    this.portfolio.cash = state.cash;
    const out = this.overlay.apply(this.proposed, this.portfolio);
    for (const e of out.events) this.events.push(e);
    const target = out.targets[this.s]!;
    return Number.isNaN(target) ? 0 : target;
  }
}
