/**
 * A series the strategy sees bar by bar: only values up to the current bar
 * exist for it. The full array is held in a private field and the engine
 * moves the visible length forward, so `next()` cannot read the future by
 * construction (there is no index that reaches it) and nothing is allocated
 * per bar.
 *
 * Indexing follows backtesting.py: `at(-1)` is the current bar, `at(-2)` the
 * previous one; `at(k)` with k ≥ 0 counts from the first bar.
 */
export class RevealedSeries {
  readonly #values: Float64Array;
  #length = 0;

  constructor(
    values: Float64Array,
    readonly name: string,
  ) {
    this.#values = values;
  }

  /** Number of visible bars (current bar index + 1). */
  get length(): number {
    return this.#length;
  }

  /** The value `k` bars from the start (k ≥ 0) or from the end (k < 0); NaN outside the visible part. */
  at(k: number): number {
    const i = k < 0 ? this.#length + k : k;
    return i >= 0 && i < this.#length ? this.#values[i]! : Number.NaN;
  }

  /** The current (last visible) value. */
  get last(): number {
    return this.#length > 0 ? this.#values[this.#length - 1]! : Number.NaN;
  }

  /** A copy-free view of the visible values (allocates a view object: avoid in hot loops). */
  visible(): Float64Array {
    return this.#values.subarray(0, this.#length);
  }

  /** @internal Engine-only: reveal bars [0, length). */
  reveal(length: number): void {
    this.#length = length;
  }
}

/** OHLCV of one symbol as revealed series. */
export interface RevealedBars {
  readonly symbol: string;
  readonly open: RevealedSeries;
  readonly high: RevealedSeries;
  readonly low: RevealedSeries;
  readonly close: RevealedSeries;
  readonly volume: RevealedSeries;
  /** Epoch ms of the visible bars. */
  readonly time: RevealedSeries;
}

/** `a` crossed above `b` on the current bar: a[-2] < b[-2] and a[-1] > b[-1] (backtesting.py's `crossover`). */
export function crossover(a: RevealedSeries, b: RevealedSeries | number): boolean {
  const b2 = typeof b === "number" ? b : b.at(-2);
  const b1 = typeof b === "number" ? b : b.at(-1);
  return a.at(-2) < b2 && a.at(-1) > b1;
}
