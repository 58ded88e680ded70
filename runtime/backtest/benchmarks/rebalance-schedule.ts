/**
 * When a fixed mix is traded back to its weights: at the first bar of each
 * new period (UTC). Causal: whether bar t starts a period depends only on the
 * times of bars t−1 and t, so the decision at t's close uses data up to t.
 */
import type { BarRange } from "../../contracts/panel.js";
import type { BenchmarkFixedMix } from "../../spec/types.generated.js";

const DAY_MS = 86_400_000;

/** A number that changes exactly when a new period starts. */
function periodKey(time: number, period: BenchmarkFixedMix["rebalance"]): number {
  const d = new Date(time);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  switch (period) {
    // 1970-01-01 was a Thursday: days + 3 counts from the Monday before it.
    case "weekly":
      return Math.floor((Math.floor(time / DAY_MS) + 3) / 7);
    case "monthly":
      return year * 12 + month;
    case "quarterly":
      return year * 4 + Math.floor(month / 3);
    case "yearly":
      return year;
    default:
      return 0;
  }
}

/**
 * 1 at every panel bar of `range` after its first whose period differs from
 * the previous bar's (`never`: none). Indexed by panel bar.
 */
export function rebalanceBars(
  timestamps: Float64Array,
  range: BarRange,
  period: BenchmarkFixedMix["rebalance"],
): Uint8Array {
  const flags = new Uint8Array(timestamps.length);
  if (period === "never") return flags;
  for (let t = range.start + 1; t < range.end; t++) {
    if (periodKey(timestamps[t]!, period) !== periodKey(timestamps[t - 1]!, period)) flags[t] = 1;
  }
  return flags;
}
