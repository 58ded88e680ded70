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
  mean(): number {
    let s = 0;
    for (let k = 0; k < this.count; k++) s += this.ago(k);
    return s / this.count;
  }
  std(ddof: number): number {
    // A window of identical values has exactly zero spread (as the batch form gives),
    // whatever rounding the mean picks up.
    const first = this.ago(0);
    let flat = true;
    for (let k = 1; k < this.count && flat; k++) flat = this.ago(k) === first;
    if (flat) return this.count > ddof ? 0 : Number.NaN;
    const m = this.mean();
    let s = 0;
    for (let k = 0; k < this.count; k++) s += (this.ago(k) - m) ** 2;
    return Math.sqrt(s / (this.count - ddof));
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
