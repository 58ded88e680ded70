import pl from "nodejs-polars";
import type { InputColumn } from "./feature-types.js";

export const BAR_INDEX = "__i";

/** The feature's input column as a polars expression. */
export function inputColumn(spec: { readonly column: InputColumn }): pl.Expr {
  return pl.col(spec.column);
}

/** NaN where `cond`, else `expr`. */
export function nanWhen(cond: pl.Expr, expr: pl.Expr): pl.Expr {
  return pl.when(cond).then(pl.lit(Number.NaN)).otherwise(expr);
}

/**
 * Wilder smoothing seeded with a simple average (the WSMA of trading-signals):
 * the first output, at bar `offset + n - 1`, is the mean of the inputs at bars
 * offset .. offset+n-1; then y = y_prev + (x - y_prev) / n. Earlier bars are null.
 */
export function seededWilder(x: pl.Expr, n: number, offset: number): pl.Expr {
  const i = pl.col(BAR_INDEX);
  const seeded = pl
    .when(i.lt(offset + n - 1))
    .then(pl.lit(null))
    .when(i.eq(offset + n - 1))
    .then(x.rollingMean({ windowSize: n, minPeriods: n }))
    .otherwise(x);
  return seeded.ewmMean({ alpha: 1 / n, adjust: false, ignoreNulls: true, minPeriods: 1 });
}

/**
 * EMA as trading-signals computes it: seeded with the first value, factor
 * 2/(n+1), reported from bar `start + n - 1` where `start` is the first bar
 * with input.
 */
export function emaFromFirst(x: pl.Expr, n: number): pl.Expr {
  return x.ewmMean({ alpha: 2 / (n + 1), adjust: false, ignoreNulls: true, minPeriods: 1 });
}

/** The previous bar's value (shift by one within the symbol). */
export function prev(x: pl.Expr, k = 1): pl.Expr {
  return x.shift(k);
}
