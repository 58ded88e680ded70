/**
 * Drawdown periods as a tear sheet lists them (pyfolio's `gen_drawdown_table`
 * convention): a period starts at the peak (the last bar at the running high
 * before the fall), has its trough at the deepest bar, and ends at the
 * recovery (the first bar back at that high) or, when the equity never gets
 * back, at the last bar (unrecovered). Its length is counted in bars and in
 * calendar days from the peak to that end.
 *
 * QuantStats' `drawdown_details` counts from the first bar under water to the
 * last one instead (one bar shorter at each end); the depth and the trough are
 * the same in both.
 */
import { MS_PER_DAY } from "./calendar.js";
import { forEachUnderwaterPeriod } from "./drawdown.js";
import type { Numbers } from "./moments.js";

export interface DrawdownPeriod {
  /** Bar of the peak the fall started from. */
  readonly peakBar: number;
  /** Bar of the deepest point. */
  readonly troughBar: number;
  /** Bar of the recovery, or the last bar when not recovered. */
  readonly endBar: number;
  /** Time of the peak (the period's start), epoch ms. */
  readonly start: number;
  /** Time of the deepest point. */
  readonly trough: number;
  /** Time of the first bar back at the peak; null when not recovered by the last bar. */
  readonly recovery: number | null;
  /** Time the period ends: the recovery, or the last bar. */
  readonly end: number;
  /** Deepest drawdown, a negative fraction (trough / peak − 1). */
  readonly depth: number;
  /** Bars from the peak to the end (endBar − peakBar). */
  readonly bars: number;
  /** Calendar days from the peak to the end. */
  readonly days: number;
  readonly recovered: boolean;
}

/** Every drawdown period of an equity curve, in time order. */
export function drawdownPeriods(timestamps: Numbers, equity: Numbers): DrawdownPeriod[] {
  const out: DrawdownPeriod[] = [];
  forEachUnderwaterPeriod(equity, (peakBar, _startBar, troughBar, endBar, recovered, depth) => {
    const start = timestamps[peakBar]!;
    const end = timestamps[endBar]!;
    out.push({
      peakBar,
      troughBar,
      endBar,
      start,
      trough: timestamps[troughBar]!,
      recovery: recovered ? end : null,
      end,
      depth,
      bars: endBar - peakBar,
      days: (end - start) / MS_PER_DAY,
      recovered,
    });
  });
  return out;
}

/**
 * The `count` deepest drawdown periods, deepest first (an equal depth: the
 * earlier first). Periods never overlap: each is one stretch under water.
 */
export function worstDrawdownPeriods(
  timestamps: Numbers,
  equity: Numbers,
  count = 5,
): DrawdownPeriod[] {
  return drawdownPeriods(timestamps, equity)
    .filter((p) => Number.isFinite(p.depth))
    .sort((a, b) => a.depth - b.depth || a.peakBar - b.peakBar)
    .slice(0, Math.max(0, count));
}
