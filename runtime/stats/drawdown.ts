/** Drawdowns of an equity curve: the per-bar series and the underwater periods. */
import type { Numbers } from "./moments.js";

/** Drawdown per bar as a non-positive fraction: equity / running peak - 1. */
export function drawdownSeries(equity: Numbers): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < equity.length; t++) {
    const v = equity[t]!;
    if (v > peak) peak = v;
    out[t] = v / peak - 1;
  }
  return out;
}

/** One stretch under water: from the peak before it to the recovery (or the last bar). */
export interface UnderwaterPeriod {
  /** Bar of the peak the drawdown started from (last bar at a high). */
  readonly peakBar: number;
  /** First bar below the peak. */
  readonly startBar: number;
  /** Bar of the deepest point. */
  readonly valleyBar: number;
  /** First bar back at the peak, or the last bar when not recovered. */
  readonly endBar: number;
  readonly recovered: boolean;
  readonly peakTime: number;
  readonly startTime: number;
  readonly valleyTime: number;
  readonly endTime: number;
  /** Deepest drawdown, a negative fraction. */
  readonly depth: number;
  /** endTime - peakTime, ms (backtesting.py's drawdown duration). */
  readonly durationMs: number;
  /** Bars spent below the peak. */
  readonly bars: number;
}

/**
 * Visits each underwater period of an equity curve, in time order, without
 * allocating: `peakBar` (last bar at the high), `startBar` (first bar below
 * it), `valleyBar` (deepest bar), `endBar` (first bar back at the high, or
 * the last bar when not recovered), `recovered`, and `depth` (the valley's
 * drawdown, a negative fraction, as `drawdownSeries` gives it). A dip that
 * starts on the first bar has no peak before it and is not a period.
 * Returns the smallest drawdown of any bar, as `Math.min` over
 * `drawdownSeries` from 0 (NaN when a bar's drawdown is NaN).
 */
export function forEachUnderwaterPeriod(
  equity: Numbers,
  visit: (
    peakBar: number,
    startBar: number,
    valleyBar: number,
    endBar: number,
    recovered: boolean,
    depth: number,
  ) => void,
): number {
  const n = equity.length;
  let peak = Number.NEGATIVE_INFINITY;
  let deepest = 0;
  let t = 0;
  while (t < n) {
    // The drawdown at t, exactly as drawdownSeries computes it.
    const v = equity[t]!;
    if (v > peak) peak = v;
    const above = v / peak - 1;
    deepest = Math.min(deepest, above);
    if (!(above < 0)) {
      t++;
      continue;
    }
    const startBar = t;
    let valleyBar = t;
    let depth = above;
    t++;
    while (t < n) {
      const w = equity[t]!;
      if (w > peak) peak = w;
      const d = w / peak - 1;
      deepest = Math.min(deepest, d);
      if (!(d < 0)) break;
      if (d < depth) {
        valleyBar = t;
        depth = d;
      }
      t++;
    }
    const recovered = t < n;
    if (startBar > 0)
      visit(startBar - 1, startBar, valleyBar, recovered ? t : n - 1, recovered, depth);
  }
  return deepest;
}

/**
 * Underwater periods of an equity curve, in time order. A period runs from
 * the last bar at a high (peak) to the next bar back at that high, or to the
 * last bar when not recovered. (backtesting.py's drawdown statistics skip an
 * unrecovered one-bar dip on the very last bar: see `countsForBacktestingPy`
 * in runtime/backtest/stats.)
 */
export function underwaterPeriods(timestamps: Numbers, equity: Numbers): UnderwaterPeriod[] {
  const periods: UnderwaterPeriod[] = [];
  forEachUnderwaterPeriod(equity, (peakBar, startBar, valleyBar, endBar, recovered, depth) => {
    periods.push({
      peakBar,
      startBar,
      valleyBar,
      endBar,
      recovered,
      peakTime: timestamps[peakBar]!,
      startTime: timestamps[startBar]!,
      valleyTime: timestamps[valleyBar]!,
      endTime: timestamps[endBar]!,
      depth,
      durationMs: timestamps[endBar]! - timestamps[peakBar]!,
      bars: (recovered ? endBar : endBar + 1) - startBar,
    });
  });
  return periods;
}
