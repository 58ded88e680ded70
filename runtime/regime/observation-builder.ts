import type { ObservationFeature } from "./observations.js";

/** One bar of one symbol, as far as observations need it. */
export interface BarPrices {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

export interface ObservationRow {
  /** The features of this bar, or null during warm-up. */
  readonly values: Float64Array | null;
  /** Simple return of the modelled asset/basket at this bar (NaN at the first bar). */
  readonly simpleReturn: number;
}

/**
 * Computes detector observations bar by bar from the bars of the modelled
 * symbols (in a fixed order). The batch builder and the streaming regime
 * filter both run this, so their numbers are identical.
 */
export class IncrementalObservations {
  private prevClose: Float64Array | null = null;
  private readonly returns: number[] = [];
  private sum = 0;
  private sumSq = 0;
  private t = -1;
  /** Bars with a defined basket return so far (the rolling window counts these). */
  private defined = 0;

  constructor(
    readonly features: readonly ObservationFeature[],
    readonly window: number,
    readonly scale: number,
    readonly symbolCount: number,
  ) {}

  /** Bars needed before the first complete row (on data without gaps). */
  get firstBar(): number {
    let first = 0;
    for (const f of this.features) {
      first = Math.max(first, f === "realized_vol" ? this.window : f === "range" ? 0 : 1);
    }
    return first;
  }

  /**
   * The next bar. A symbol without a finite close at this bar or the one
   * before (a gap of an unevenly listed basket) is left out of this bar's
   * basket return, which is the mean over the symbols that have both; a bar
   * where no symbol has one is unknown (null row) and leaves the rolling
   * window as it was. So a missing value blanks one bar, never every later one.
   */
  push(bars: readonly BarPrices[]): ObservationRow {
    this.t++;
    const t = this.t;
    const m = this.symbolCount;
    let lr = 0;
    let sr = 0;
    let rg = 0;
    let returned = 0;
    let ranged = 0;
    const prev = this.prevClose;
    for (let s = 0; s < m; s++) {
      const bar = bars[s]!;
      if (prev) {
        const ratio = bar.close / prev[s]!;
        if (Number.isFinite(ratio) && ratio > 0) {
          lr += Math.log(ratio);
          sr += ratio - 1;
          returned++;
        }
      }
      const spread = Math.log(bar.high / bar.low);
      if (Number.isFinite(spread)) {
        rg += spread;
        ranged++;
      }
    }
    const logRet = t > 0 && returned > 0 ? (this.scale * lr) / returned : Number.NaN;
    const simpleReturn = t > 0 && returned > 0 ? sr / returned : Number.NaN;
    const range = ranged > 0 ? (this.scale * rg) / ranged : Number.NaN;
    this.prevClose ??= new Float64Array(m);
    for (let s = 0; s < m; s++) this.prevClose[s] = bars[s]!.close;
    // Rolling moments of the defined log returns over `window` of them (same operation order as always).
    const w = this.window;
    let vol = Number.NaN;
    if (!Number.isNaN(logRet)) {
      this.defined++;
      this.sum += logRet;
      this.sumSq += logRet * logRet;
      this.returns.push(logRet);
      if (this.defined > w) {
        const old = this.returns.shift()!;
        this.sum -= old;
        this.sumSq -= old * old;
      }
      if (this.defined >= w) {
        const mean = this.sum / w;
        vol = Math.sqrt(Math.max(0, (this.sumSq - w * mean * mean) / (w - 1)));
      }
    }
    if (t < this.firstBar) return { values: null, simpleReturn };
    const values = new Float64Array(this.features.length);
    let complete = true;
    this.features.forEach((f, j) => {
      const v =
        f === "log_return"
          ? logRet
          : f === "abs_return"
            ? Math.abs(logRet)
            : f === "range"
              ? range
              : vol;
      if (Number.isNaN(v)) complete = false;
      values[j] = v;
    });
    return { values: complete ? values : null, simpleReturn };
  }
}
