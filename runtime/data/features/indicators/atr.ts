import { nanArray } from "../batch-helpers.js";
import { seededWilder } from "../expr-helpers.js";
import { seriesFeature } from "../define-feature.js";
import { WilderSmoother } from "../incremental-helpers.js";
import { trueRange, trueRangeExpr } from "./true-range.js";

/** Average true range: Wilder smoothing of the true range seeded with its first `window` mean. */
export const atrFeature = seriesFeature({
  kind: "series",
  type: "atr",
  lookback: () => null,
  outputs: () => [""],
  defaultName: (spec) => `atr_${spec.window}`,
  expressions: (spec) => [seededWilder(trueRangeExpr(), spec.window, 0)],
  batch: (spec, bars) => {
    // one pass: Wilder average of the true range seeded with its first n values' mean
    const n = spec.window;
    const { high, low, close } = bars;
    const out = nanArray(high.length, n - 1);
    let y = 0;
    for (let t = 0; t < high.length; t++) {
      const hl = high[t]! - low[t]!;
      const pc = t > 0 ? close[t - 1]! : Number.NaN;
      const tr = t === 0 ? hl : Math.max(hl, Math.abs(high[t]! - pc), Math.abs(low[t]! - pc));
      if (t < n) {
        y += tr;
        if (t < n - 1) continue;
        y /= n;
      } else {
        y = y + (tr - y) / n;
      }
      out[t] = y;
    }
    return [out];
  },
  incremental: (spec) => {
    const smoother = new WilderSmoother(spec.window);
    let prevClose: number | undefined;
    return {
      update: (bar) => {
        const v = smoother.update(trueRange(bar, prevClose));
        prevClose = bar.close;
        return Float64Array.of(v);
      },
    };
  },
});
