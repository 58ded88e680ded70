import { inputOf, nanArray } from "../batch-helpers.js";
import pl from "nodejs-polars";
import { inputColumn, seededWilder } from "../expr-helpers.js";
import { seriesFeature } from "../define-feature.js";
import { fieldOf, WilderSmoother } from "../incremental-helpers.js";

/**
 * Relative strength index with Wilder smoothing: average gain and loss of the
 * bar-to-bar changes, each seeded with the mean of the first `window` changes;
 * RSI = 100 − 100 / (1 + gain/loss), 100 when the average loss is 0. First
 * value at bar `window` (trading-signals' RSI).
 */
export const rsiFeature = seriesFeature({
  kind: "series",
  type: "rsi",
  lookback: () => null,
  outputs: () => [""],
  defaultName: (spec) => `rsi_${spec.window}`,
  expressions: (spec) => {
    const n = spec.window;
    const d = inputColumn(spec).diff(1, "ignore");
    const gain = pl.when(d.gt(0)).then(d).otherwise(pl.lit(0));
    const loss = pl.when(d.gt(0)).then(pl.lit(0)).otherwise(pl.lit(0).minus(d));
    const avgGain = seededWilder(gain, n, 1);
    const avgLoss = seededWilder(loss, n, 1);
    const rsi = pl
      .when(avgLoss.eq(0))
      .then(pl.lit(100))
      .otherwise(pl.lit(100).minus(pl.lit(100).div(avgGain.div(avgLoss).plus(1))));
    return [rsi];
  },
  batch: (spec, bars) => {
    const n = spec.window;
    const x = inputOf(bars, spec);
    // one pass: Wilder averages of gains and losses seeded with the mean of changes 1..n
    const out = nanArray(x.length, n);
    let g = 0;
    let l = 0;
    for (let t = 1; t < x.length; t++) {
      const d = x[t]! - x[t - 1]!;
      // biome-ignore lint/complexity/useMathMinMax: a NaN change counts 0, as in the expression
      const gain = d > 0 ? d : 0;
      const loss = d > 0 ? 0 : -d;
      if (t <= n) {
        g += gain;
        l += loss;
        if (t < n) continue;
        g /= n;
        l /= n;
      } else {
        g = g + (gain - g) / n;
        l = l + (loss - l) / n;
      }
      out[t] = l === 0 ? 100 : 100 - 100 / (1 + g / l);
    }
    return [out];
  },
  incremental: (spec) => {
    const n = spec.window;
    const gains = new WilderSmoother(n);
    const losses = new WilderSmoother(n);
    let last = Number.NaN;
    let seen = 0;
    return {
      update: (bar) => {
        const x = fieldOf(bar, spec.column);
        seen++;
        if (seen === 1) {
          last = x;
          return Float64Array.of(Number.NaN);
        }
        const d = x - last;
        last = x;
        // biome-ignore lint/complexity/useMathMinMax: a NaN change counts 0, as in the batch expression
        const g = gains.update(d > 0 ? d : 0);
        const l = losses.update(d > 0 ? 0 : -d);
        if (Number.isNaN(g)) return Float64Array.of(Number.NaN);
        return Float64Array.of(l === 0 ? 100 : 100 - 100 / (1 + g / l));
      },
    };
  },
});
