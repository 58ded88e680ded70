import { mean, std } from "../../stats/moments.js";
import type { BarInput, InputColumn, PanelIncrementalIndicator } from "./feature-types.js";

/** A fixed-size window of the last `size` values. */
export class RingWindow {
  private readonly values: Float64Array;
  private next = 0;
  count = 0;
  constructor(readonly size: number) {
    this.values = new Float64Array(size);
  }
  push(x: number): void {
    this.values[this.next] = x;
    this.next = (this.next + 1) % this.size;
    if (this.count < this.size) this.count++;
  }
  get full(): boolean {
    return this.count === this.size;
  }
  /** k-th most recent value (0 = newest). */
  ago(k: number): number {
    return this.values[(this.next - 1 - k + 2 * this.size) % this.size]!;
  }
  /** Values oldest → newest. */
  toArray(): Float64Array {
    const out = new Float64Array(this.count);
    for (let k = 0; k < this.count; k++) out[k] = this.ago(this.count - 1 - k);
    return out;
  }
  /**
   * The window's values in storage order (not time order): until the window
   * is full they fill the front of the ring, then the whole ring. For
   * order-free statistics, read in place (no copy).
   */
  private held(): Float64Array {
    return this.count === this.size ? this.values : this.values.subarray(0, this.count);
  }
  /** Mean of the window (runtime/stats `mean`). */
  mean(): number {
    return mean(this.held());
  }
  /** Standard deviation of the window, divisor count − ddof (runtime/stats `std`). */
  std(ddof: number): number {
    const values = this.held();
    // A window of identical values has exactly zero spread (as the batch form, rollingStd,
    // gives), whatever rounding the mean picks up.
    const first = values[0];
    let flat = true;
    for (let k = 1; k < values.length && flat; k++) flat = values[k] === first;
    if (flat) return values.length > ddof ? 0 : Number.NaN;
    return std(values, ddof);
  }
}

/** Wilder smoothing seeded with the mean of the first n inputs (NaN until then). */
export class WilderSmoother {
  private sum = 0;
  private seen = 0;
  value = Number.NaN;
  constructor(readonly n: number) {}
  update(x: number): number {
    if (this.seen < this.n) {
      this.sum += x;
      this.seen++;
      if (this.seen === this.n) this.value = this.sum / this.n;
      return this.value;
    }
    this.value = this.value + (x - this.value) / this.n;
    return this.value;
  }
}

/** EMA seeded with the first input, factor alpha; `count` inputs seen. */
export class EmaState {
  value = Number.NaN;
  count = 0;
  constructor(readonly alpha: number) {}
  update(x: number): number {
    this.value = this.count === 0 ? x : (1 - this.alpha) * this.value + this.alpha * x;
    this.count++;
    return this.value;
  }
}

export function fieldOf(bar: BarInput, column: InputColumn): number {
  return bar[column];
}

/**
 * The batch values of a cross-sectional (panel) indicator: its incremental form
 * fed bar by bar, so batch and streaming share one definition. `out[s][t]`.
 */
export function replayPanelIndicator(
  indicator: PanelIncrementalIndicator,
  close: readonly Float64Array[],
): Float64Array[] {
  const S = close.length;
  const T = close[0]?.length ?? 0;
  const out = Array.from({ length: S }, () => new Float64Array(T));
  const row = new Float64Array(S);
  for (let t = 0; t < T; t++) {
    for (let s = 0; s < S; s++) row[s] = close[s]![t]!;
    const v = indicator.update(row)[0]!;
    for (let s = 0; s < S; s++) out[s]![t] = v[s]!;
  }
  return out;
}
