import { worstDrawdownPeriods } from "../../stats/drawdown-periods.js";
import type { DrawdownPeriodRow } from "../tear-sheet-input.js";

/** The `count` worst drawdown periods of an equity curve as the report lists them (runtime/stats). */
export function drawdownPeriodRows(
  timestamps: ArrayLike<number>,
  equity: ArrayLike<number>,
  count = 5,
): DrawdownPeriodRow[] {
  return worstDrawdownPeriods(timestamps, equity, count).map((p) => ({
    start: p.start,
    trough: p.trough,
    recovery: p.recovery,
    depth: p.depth,
    bars: p.bars,
    days: p.days,
  }));
}
