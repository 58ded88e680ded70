/**
 * The typed-array view of market data that numeric code (backtests,
 * environments, HMMs, risk rules) consumes. Built from the canonical polars
 * long frame (timestamp, symbol, open, high, low, close, volume[, adj_close])
 * after alignment to one calendar, so every symbol has a value at every bar.
 *
 * Layout: one Float64Array per symbol per field, indexed by bar: `close[s][t]`.
 */
export interface OhlcvPanel {
  /** Bar timestamps, epoch milliseconds UTC, strictly increasing. */
  readonly timestamps: Float64Array;
  readonly symbols: readonly string[];
  readonly open: readonly Float64Array[];
  readonly high: readonly Float64Array[];
  readonly low: readonly Float64Array[];
  readonly close: readonly Float64Array[];
  readonly volume: readonly Float64Array[];
}

/** Per-symbol feature columns aligned with a panel: `values[f][s][t]`. */
export interface FeaturePanel {
  readonly timestamps: Float64Array;
  readonly symbols: readonly string[];
  readonly names: readonly string[];
  readonly values: readonly (readonly Float64Array[])[];
}

/** A half-open bar range [start, end) of a panel. */
export interface BarRange {
  readonly start: number;
  readonly end: number;
}

export interface Segments {
  readonly train: BarRange;
  readonly valid?: BarRange;
  readonly test: BarRange;
}

export function barCount(panel: Pick<OhlcvPanel, "timestamps">): number {
  return panel.timestamps.length;
}
