import type { OhlcvPanel } from "../contracts/panel.js";
import { IncrementalObservations } from "./observation-builder.js";

/** Per-bar series a detector can model. */
export const OBSERVATION_FEATURES = ["log_return", "abs_return", "realized_vol", "range"] as const;
export type ObservationFeature = (typeof OBSERVATION_FEATURES)[number];

export interface ObservationOptions {
  readonly features: readonly ObservationFeature[];
  /** Window of `realized_vol` in bars. */
  readonly window: number;
  /** Multiplier of returns (100 = percent). */
  readonly scale: number;
  /** Symbols of the modelled series (one symbol, or an equal-weighted basket); undefined = every symbol. */
  readonly symbols?: readonly string[];
}

export interface ObservationSeries {
  /** Bars × features, row-major; rows before `firstBar` are NaN. */
  readonly values: Float64Array;
  readonly dim: number;
  readonly bars: number;
  /** First bar at which every feature is defined (uses data ≤ t only). */
  readonly firstBar: number;
  /** Simple return of the modelled asset (or the equal-weighted basket) at each bar, NaN at 0. */
  readonly simpleReturns: Float64Array;
}

/**
 * The modelled series as a price index: the symbol's close, or for a basket
 * 1 compounded by its equal-weighted returns (a bar without a return keeps
 * the level). What the report shades the regimes over.
 */
export function seriesLevels(
  panel: OhlcvPanel,
  symbols: readonly string[] | undefined,
  simpleReturns: Float64Array,
): Float64Array {
  if (symbols?.length === 1) {
    const close = panel.close[panel.symbols.indexOf(symbols[0]!)];
    if (close) return Float64Array.from(close);
  }
  const level = new Float64Array(simpleReturns.length);
  let value = 1;
  for (let t = 0; t < level.length; t++) {
    const r = simpleReturns[t]!;
    if (t > 0 && Number.isFinite(r)) value *= 1 + r;
    level[t] = value;
  }
  return level;
}

/**
 * Builds the observation matrix of a detector from the panel, bar by bar with
 * the same incremental builder the streaming filter uses. Every value at bar t
 * is computed from bars ≤ t.
 */
export function buildObservations(
  panel: OhlcvPanel,
  options: ObservationOptions,
): ObservationSeries {
  const n = panel.timestamps.length;
  const symbols =
    options.symbols === undefined
      ? panel.symbols.map((_, i) => i)
      : options.symbols.map((symbol) => panel.symbols.indexOf(symbol));
  const builder = new IncrementalObservations(
    options.features,
    options.window,
    options.scale,
    symbols.length,
  );
  const dim = options.features.length;
  const values = new Float64Array(n * dim).fill(Number.NaN);
  const simpleReturns = new Float64Array(n);
  const bars = symbols.map(() => ({ high: 0, low: 0, close: 0 }));
  for (let t = 0; t < n; t++) {
    symbols.forEach((s, k) => {
      const b = bars[k]!;
      b.high = panel.high[s]![t]!;
      b.low = panel.low[s]![t]!;
      b.close = panel.close[s]![t]!;
    });
    const row = builder.push(bars);
    simpleReturns[t] = row.simpleReturn;
    if (row.values) values.set(row.values, t * dim);
  }
  return { values, dim, bars: n, firstBar: builder.firstBar, simpleReturns };
}

/** Rows [start, end) of the observation matrix (a copy-free view). */
export function observationRows(
  series: ObservationSeries,
  start: number,
  end: number,
): Float64Array {
  return series.values.subarray(start * series.dim, end * series.dim);
}
