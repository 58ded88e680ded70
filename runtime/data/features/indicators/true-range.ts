import type { SeriesBars } from "../batch-helpers.js";
import pl from "nodejs-polars";
import { prev } from "../expr-helpers.js";
import type { BarInput } from "../feature-types.js";

/** True range: max(high − low, |high − prev close|, |low − prev close|); high − low on the first bar. */
export function trueRangeExpr(): pl.Expr {
  const h = pl.col("high");
  const l = pl.col("low");
  const pc = prev(pl.col("close"));
  const hl = h.minus(l);
  const withPrev = pl.maxHorizontal([hl, h.minus(pc).abs(), l.minus(pc).abs()]);
  return pl.when(pc.isNull()).then(hl).otherwise(withPrev);
}

export function trueRange(bar: BarInput, prevClose: number | undefined): number {
  const hl = bar.high - bar.low;
  if (prevClose === undefined) return hl;
  return Math.max(hl, Math.abs(bar.high - prevClose), Math.abs(bar.low - prevClose));
}

/** True range of every bar (high − low on the first). */
export function trueRangeArray(bars: SeriesBars): Float64Array {
  const { high, low, close } = bars;
  const out = new Float64Array(high.length);
  for (let t = 0; t < high.length; t++) {
    const hl = high[t]! - low[t]!;
    if (t === 0) {
      out[t] = hl;
      continue;
    }
    const pc = close[t - 1]!;
    out[t] = Math.max(hl, Math.abs(high[t]! - pc), Math.abs(low[t]! - pc));
  }
  return out;
}
