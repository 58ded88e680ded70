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
 * Underwater periods of an equity curve, in time order. A period runs from
 * the last bar at a high (peak) to the next bar back at that high, or to the
 * last bar when not recovered. (backtesting.py's drawdown statistics skip an
 * unrecovered one-bar dip on the very last bar: see `countsForBacktestingPy`
 * in runtime/backtest/stats.)
 */
export function underwaterPeriods(timestamps: Numbers, equity: Numbers): UnderwaterPeriod[] {
  const dd = drawdownSeries(equity);
  const n = dd.length;
  const periods: UnderwaterPeriod[] = [];
  let t = 0;
  while (t < n) {
    if (!(dd[t]! < 0)) {
      t++;
      continue;
    }
    const startBar = t;
    let valleyBar = t;
    while (t < n && dd[t]! < 0) {
      if (dd[t]! < dd[valleyBar]!) valleyBar = t;
      t++;
    }
    const recovered = t < n;
    const endBar = recovered ? t : n - 1;
    const peakBar = startBar - 1;
    if (peakBar < 0) continue;
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
      depth: dd[valleyBar]!,
      durationMs: timestamps[endBar]! - timestamps[peakBar]!,
      bars: t - startBar,
    });
  }
  return periods;
}
