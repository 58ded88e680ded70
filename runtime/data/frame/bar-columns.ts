/**
 * Market bars as plain typed columns, one entry per row (long form). This is
 * what sources produce before the canonical polars frame is built, and what
 * the quality monitor and the panel builder read.
 */
export interface BarColumns {
  /** Epoch milliseconds UTC of each bar's open. */
  readonly timestamp: Float64Array;
  readonly symbol: readonly string[];
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly adjClose?: Float64Array;
}

export const PRICE_FIELDS = ["open", "high", "low", "close"] as const;
export const VALUE_FIELDS = ["open", "high", "low", "close", "volume"] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];

export function barCountOf(bars: BarColumns): number {
  return bars.timestamp.length;
}

/** A new BarColumns holding the rows at `index` (in that order). */
export function takeRows(bars: BarColumns, index: ArrayLike<number>): BarColumns {
  const n = index.length;
  const pick = (src: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = src[index[i]!]!;
    return out;
  };
  const symbol: string[] = new Array(n);
  for (let i = 0; i < n; i++) symbol[i] = bars.symbol[index[i]!]!;
  return {
    timestamp: pick(bars.timestamp),
    symbol,
    open: pick(bars.open),
    high: pick(bars.high),
    low: pick(bars.low),
    close: pick(bars.close),
    volume: pick(bars.volume),
    ...(bars.adjClose ? { adjClose: pick(bars.adjClose) } : {}),
  };
}

/** Row order sorted by (symbol, timestamp), stable. */
export function symbolTimeOrder(bars: BarColumns): Int32Array {
  const n = bars.timestamp.length;
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => {
    const sa = bars.symbol[a]!;
    const sb = bars.symbol[b]!;
    if (sa !== sb) return sa < sb ? -1 : 1;
    return bars.timestamp[a]! - bars.timestamp[b]! || a - b;
  });
  return Int32Array.from(idx);
}

/** The distinct symbols in first-appearance order. */
export function symbolsOf(bars: BarColumns): string[] {
  return [...new Set(bars.symbol)];
}
