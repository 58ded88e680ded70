import { Strategy } from "../../../runtime/backtest/event/strategy.js";

export type Step = (s: Scripted) => void;

/** A strategy that runs a scripted action on given bars (bar index → action). */
export class Scripted extends Strategy<{ steps: Record<number, Step> }> {
  init(): void {}
  next(): void {
    this.params.steps[this.data.close.length - 1]?.(this);
  }
}
