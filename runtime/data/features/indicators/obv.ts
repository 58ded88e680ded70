import pl from "nodejs-polars";
import { prev } from "../expr-helpers.js";
import { seriesFeature } from "../define-feature.js";

/** On-balance volume: cumulative volume signed by the close's direction; 0 on the first bar. */
export const obvFeature = seriesFeature({
  kind: "series",
  type: "obv",
  lookback: () => null,
  outputs: () => [""],
  defaultName: () => "obv",
  expressions: () => {
    const c = pl.col("close");
    const pc = prev(c);
    const signed = pl
      .when(pc.isNull())
      .then(pl.lit(0))
      .when(c.gt(pc))
      .then(pl.col("volume"))
      .when(c.lt(pc))
      .then(pl.lit(0).minus(pl.col("volume")))
      .otherwise(pl.lit(0));
    return [signed.cumSum()];
  },
  incremental: () => {
    let total = 0;
    let last: number | undefined;
    return {
      update: (bar) => {
        if (last !== undefined) {
          total += bar.close > last ? bar.volume : bar.close < last ? -bar.volume : 0;
        }
        last = bar.close;
        return Float64Array.of(total);
      },
    };
  },
});
