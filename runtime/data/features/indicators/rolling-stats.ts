import { rollingStd } from "../../../stats/rolling.js";
import { columnMean, columnPopulationStd, inputOf, nanArray } from "../batch-helpers.js";
import pl from "nodejs-polars";
import { inputColumn, prev } from "../expr-helpers.js";
import { seriesFeature } from "../define-feature.js";
import { fieldOf, RingWindow } from "../incremental-helpers.js";

/**
 * Rolling volatility: sample standard deviation (ddof 1) of the log returns
 * of the trailing `window` bars, times sqrt(annualization) when given.
 */
export const volatilityFeature = seriesFeature({
  kind: "series",
  type: "volatility",
  lookback: (s) => s.window + 1,
  outputs: () => [""],
  defaultName: (spec) => `volatility_${spec.window}`,
  expressions: (spec) => {
    const n = spec.window;
    const x = inputColumn(spec);
    const r = x.div(prev(x)).log();
    const sd = r.rollingStd({ windowSize: n, minPeriods: n, ddof: 1 });
    return [spec.annualization ? sd.mul(Math.sqrt(spec.annualization)) : sd];
  },
  batch: (spec, bars) => {
    const n = spec.window;
    const x = inputOf(bars, spec);
    const r = nanArray(x.length, 1);
    for (let t = 1; t < x.length; t++) r[t] = Math.log(x[t]! / x[t - 1]!);
    // the first full window of returns ends at bar n (returns start at bar 1)
    const sd = rollingStd(r, n, 1);
    sd[n - 1] = Number.NaN;
    if (spec.annualization) {
      const scale = Math.sqrt(spec.annualization);
      for (let t = n; t < sd.length; t++) sd[t] = sd[t]! * scale;
    }
    return [sd];
  },
  incremental: (spec) => {
    const n = spec.window;
    const w = new RingWindow(n);
    const scale = spec.annualization ? Math.sqrt(spec.annualization) : 1;
    let last = Number.NaN;
    let seen = 0;
    return {
      update: (bar) => {
        const x = fieldOf(bar, spec.column);
        if (seen++ > 0) w.push(Math.log(x / last));
        last = x;
        return Float64Array.of(w.full ? w.std(1) * scale : Number.NaN);
      },
    };
  },
});

/** Rolling z-score: (x − mean) / population std over the trailing `window` bars; NaN when the std is 0. */
export const zscoreFeature = seriesFeature({
  kind: "series",
  type: "zscore",
  lookback: (s) => s.window,
  outputs: () => [""],
  defaultName: (spec) => `zscore_${spec.window}`,
  expressions: (spec) => {
    const n = spec.window;
    const x = inputColumn(spec);
    const mean = x.rollingMean({ windowSize: n, minPeriods: n });
    // population std from polars' sample std (ddof 1): × sqrt((n − 1) / n)
    const sd = x.rollingStd({ windowSize: n, minPeriods: n }).mul(Math.sqrt((n - 1) / n));
    return [pl.when(sd.eq(0)).then(pl.lit(Number.NaN)).otherwise(x.minus(mean).div(sd))];
  },
  batch: (spec, bars) => {
    const n = spec.window;
    const x = inputOf(bars, spec);
    const mean = columnMean(bars, spec, n);
    const sd = columnPopulationStd(bars, spec, n);
    const out = nanArray(x.length, n - 1);
    for (let t = n - 1; t < x.length; t++) {
      out[t] = sd[t] === 0 ? Number.NaN : (x[t]! - mean[t]!) / sd[t]!;
    }
    return [out];
  },
  incremental: (spec) => {
    const w = new RingWindow(spec.window);
    return {
      update: (bar) => {
        const x = fieldOf(bar, spec.column);
        w.push(x);
        if (!w.full) return Float64Array.of(Number.NaN);
        const sd = w.std(0);
        return Float64Array.of(sd === 0 ? Number.NaN : (x - w.mean()) / sd);
      },
    };
  },
});
