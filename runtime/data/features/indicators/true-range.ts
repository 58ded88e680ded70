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
