import type { OhlcvPanel } from "../data/panel.js";

/** Per-bar series a detector can model. */
export const OBSERVATION_FEATURES = ["log_return", "abs_return", "realized_vol", "range"] as const;
export type ObservationFeature = (typeof OBSERVATION_FEATURES)[number];

export interface ObservationOptions {
  readonly features: readonly ObservationFeature[];
  /** Window of `realized_vol` in bars. */
  readonly window: number;
  /** Multiplier of returns (100 = percent). */
  readonly scale: number;
  /** Symbol to model; undefined = the equal-weighted average of all symbols. */
  readonly symbol?: string;
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

/** Per-bar log return (scaled) and high-low range of one symbol or the equal-weighted basket. */
function basketSeries(panel: OhlcvPanel, symbols: readonly number[], scale: number) {
  const n = panel.timestamps.length;
  const logRet = new Float64Array(n).fill(Number.NaN);
  const simple = new Float64Array(n).fill(Number.NaN);
  const range = new Float64Array(n).fill(Number.NaN);
  for (let t = 0; t < n; t++) {
    let lr = 0;
    let sr = 0;
    let rg = 0;
    for (const s of symbols) {
      const c = panel.close[s]!;
      if (t > 0) {
        lr += Math.log(c[t]! / c[t - 1]!);
        sr += c[t]! / c[t - 1]! - 1;
      }
      rg += Math.log(panel.high[s]![t]! / panel.low[s]![t]!);
    }
    const m = symbols.length;
    if (t > 0) {
      logRet[t] = (scale * lr) / m;
      simple[t] = sr / m;
    }
    range[t] = (scale * rg) / m;
  }
  return { logRet, simple, range };
}

/**
 * Builds the observation matrix of a detector from the panel. Every value at
 * bar t is computed from bars ≤ t.
 */
export function buildObservations(
  panel: OhlcvPanel,
  options: ObservationOptions,
): ObservationSeries {
  const n = panel.timestamps.length;
  const symbols =
    options.symbol === undefined
      ? panel.symbols.map((_, i) => i)
      : [panel.symbols.indexOf(options.symbol)];
  const { logRet, simple, range } = basketSeries(panel, symbols, options.scale);
  const dim = options.features.length;
  const values = new Float64Array(n * dim).fill(Number.NaN);
  let firstBar = 0;
  options.features.forEach((feature, j) => {
    let first = 0;
    if (feature === "log_return" || feature === "abs_return") {
      first = 1;
      for (let t = 1; t < n; t++) {
        values[t * dim + j] = feature === "log_return" ? logRet[t]! : Math.abs(logRet[t]!);
      }
    } else if (feature === "range") {
      for (let t = 0; t < n; t++) values[t * dim + j] = range[t]!;
    } else {
      const w = options.window;
      first = w;
      let sum = 0;
      let sumSq = 0;
      for (let t = 1; t < n; t++) {
        const r = logRet[t]!;
        sum += r;
        sumSq += r * r;
        if (t > w) {
          const old = logRet[t - w]!;
          sum -= old;
          sumSq -= old * old;
        }
        if (t >= w) {
          const mean = sum / w;
          values[t * dim + j] = Math.sqrt(Math.max(0, (sumSq - w * mean * mean) / (w - 1)));
        }
      }
    }
    firstBar = Math.max(firstBar, first);
  });
  return { values, dim, bars: n, firstBar, simpleReturns: simple };
}

/** Rows [start, end) of the observation matrix (a copy-free view). */
export function observationRows(
  series: ObservationSeries,
  start: number,
  end: number,
): Float64Array {
  return series.values.subarray(start * series.dim, end * series.dim);
}
