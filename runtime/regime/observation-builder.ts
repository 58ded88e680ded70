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

  constructor(
    readonly features: readonly ObservationFeature[],
    readonly window: number,
    readonly scale: number,
    readonly symbolCount: number,
  ) {}

  /** Bars needed before the first complete row. */
  get firstBar(): number {
    let first = 0;
    for (const f of this.features) {
      first = Math.max(first, f === "realized_vol" ? this.window : f === "range" ? 0 : 1);
    }
    return first;
  }

  push(bars: readonly BarPrices[]): ObservationRow {
    this.t++;
    const t = this.t;
    const m = this.symbolCount;
    let lr = 0;
    let sr = 0;
    let rg = 0;
    for (let s = 0; s < m; s++) {
      const bar = bars[s]!;
      if (this.prevClose) {
        lr += Math.log(bar.close / this.prevClose[s]!);
        sr += bar.close / this.prevClose[s]! - 1;
      }
      rg += Math.log(bar.high / bar.low);
    }
    const logRet = t > 0 ? (this.scale * lr) / m : Number.NaN;
    const simpleReturn = t > 0 ? sr / m : Number.NaN;
    const range = (this.scale * rg) / m;
    this.prevClose ??= new Float64Array(m);
    for (let s = 0; s < m; s++) this.prevClose[s] = bars[s]!.close;
    // Rolling moments of the log returns over `window` bars (same operation order as always).
    const w = this.window;
    let vol = Number.NaN;
    if (t >= 1) {
      this.sum += logRet;
      this.sumSq += logRet * logRet;
      this.returns.push(logRet);
      if (t > w) {
        const old = this.returns.shift()!;
        this.sum -= old;
        this.sumSq -= old * old;
      }
      if (t >= w) {
        const mean = this.sum / w;
        vol = Math.sqrt(Math.max(0, (this.sumSq - w * mean * mean) / (w - 1)));
      }
    }
    if (t < this.firstBar) return { values: null, simpleReturn };
    const values = new Float64Array(this.features.length);
    this.features.forEach((f, j) => {
      values[j] =
        f === "log_return"
          ? logRet
          : f === "abs_return"
            ? Math.abs(logRet)
            : f === "range"
              ? range
              : vol;
    });
    return { values, simpleReturn };
  }
}
