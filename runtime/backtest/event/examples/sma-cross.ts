import { sma } from "../../indicators/rolling.js";
import { crossover, type RevealedSeries } from "../revealed-series.js";
import { Strategy } from "../strategy.js";

export interface SmaCrossParams {
  readonly fast: number;
  readonly slow: number;
}

/**
 * backtesting.py's README example: buy when the fast SMA crosses above the
 * slow one, sell (go short) when it crosses below. Run it with
 * `exclusiveOrders: true` so each signal reverses the position.
 */
export class SmaCross extends Strategy<SmaCrossParams> {
  private fastMa!: RevealedSeries;
  private slowMa!: RevealedSeries;

  init(): void {
    this.fastMa = this.I((d) => sma(d.close, this.params.fast), `SMA(${this.params.fast})`);
    this.slowMa = this.I((d) => sma(d.close, this.params.slow), `SMA(${this.params.slow})`);
  }

  next(): void {
    if (crossover(this.fastMa, this.slowMa)) this.buy();
    else if (crossover(this.slowMa, this.fastMa)) this.sell();
  }
}
