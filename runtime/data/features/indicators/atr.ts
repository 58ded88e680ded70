import { wilderArray } from "../batch-helpers.js";
import { seededWilder, windowOf } from "../expr-helpers.js";
import type { SeriesFeatureDefinition } from "../feature-types.js";
import { WilderSmoother } from "../incremental-helpers.js";
import { trueRange, trueRangeArray, trueRangeExpr } from "./true-range.js";

const DEFAULT_WINDOW = 14;

/** Average true range: Wilder smoothing of the true range seeded with its first `window` mean. */
export const atrFeature: SeriesFeatureDefinition = {
  kind: "series",
  type: "atr",
  outputs: () => [""],
  defaultName: (spec) => `atr_${windowOf(spec, DEFAULT_WINDOW)}`,
  expressions: (spec) => [seededWilder(trueRangeExpr(), windowOf(spec, DEFAULT_WINDOW), 0)],
  batch: (spec, bars) => [wilderArray(trueRangeArray(bars), windowOf(spec, DEFAULT_WINDOW), 0)],
  incremental: (spec) => {
    const smoother = new WilderSmoother(windowOf(spec, DEFAULT_WINDOW));
    let prevClose: number | undefined;
    return {
      update: (bar) => {
        const v = smoother.update(trueRange(bar, prevClose));
        prevClose = bar.close;
        return Float64Array.of(v);
      },
    };
  },
};
