import pl from "nodejs-polars";
import { prev } from "../expr-helpers.js";
import { seriesFeature } from "../define-feature.js";
import { RingWindow } from "../incremental-helpers.js";

/**
 * Commodity channel index: typical price tp = (high + low + close) / 3,
 * CCI = (tp − SMA(tp)) / (0.015 · mean |tp_i − SMA(tp)| over the window).
 * The mean deviation is a sum of `window` lagged terms (exact, no approximation).
 */
export const cciFeature = seriesFeature({
  kind: "series",
  type: "cci",
  lookback: (s) => s.window,
  outputs: () => [""],
  defaultName: (spec) => `cci_${spec.window}`,
  expressions: (spec) => {
    const n = spec.window;
    const tp = pl.col("high").plus(pl.col("low")).plus(pl.col("close")).div(3);
    const mean = tp.rollingMean({ windowSize: n, minPeriods: n });
    let dev = tp.minus(mean).abs();
    for (let k = 1; k < n; k++) dev = dev.plus(prev(tp, k).minus(mean).abs());
    return [tp.minus(mean).div(dev.div(n).mul(0.015))];
  },
  incremental: (spec) => {
    const n = spec.window;
    const w = new RingWindow(n);
    return {
      update: (bar) => {
        const tp = (bar.high + bar.low + bar.close) / 3;
        w.push(tp);
        if (!w.full) return Float64Array.of(Number.NaN);
        const mean = w.mean();
        let dev = 0;
        for (let k = 0; k < n; k++) dev += Math.abs(w.ago(k) - mean);
        return Float64Array.of((tp - mean) / (0.015 * (dev / n)));
      },
    };
  },
});
