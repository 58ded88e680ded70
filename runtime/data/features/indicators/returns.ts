import { inputOf, nanArray } from "../batch-helpers.js";
import type pl from "nodejs-polars";
import { inputColumn, prev } from "../expr-helpers.js";
import type { BarInput, FeatureOf } from "../feature-types.js";
import { seriesFeature } from "../define-feature.js";
import { fieldOf, RingWindow } from "../incremental-helpers.js";

type ReturnSpec = FeatureOf<"returns" | "log_return">;

const suffix = (spec: ReturnSpec): string => (spec.periods === 1 ? "" : `_${spec.periods}`);

function ratioIncremental(spec: ReturnSpec, map: (ratio: number) => number) {
  const p = spec.periods;
  const window = new RingWindow(p + 1);
  return {
    update(bar: BarInput) {
      window.push(fieldOf(bar, spec.column));
      return Float64Array.of(window.full ? map(window.ago(0) / window.ago(p)) : Number.NaN);
    },
  };
}

function ratioBatch(x: Float64Array, p: number, map: (ratio: number) => number): Float64Array {
  const out = nanArray(x.length, p);
  for (let t = p; t < x.length; t++) out[t] = map(x[t]! / x[t - p]!);
  return out;
}

/** Simple return over `periods` bars: x_t / x_{t-p} − 1. */
export const returnsFeature = seriesFeature({
  kind: "series",
  type: "returns",
  lookback: (s) => s.periods + 1,
  outputs: () => [""],
  defaultName: (spec) => `returns${suffix(spec)}`,
  expressions: (spec): pl.Expr[] => {
    const x = inputColumn(spec);
    return [x.div(prev(x, spec.periods)).minus(1)];
  },
  incremental: (spec) => ratioIncremental(spec, (r) => r - 1),
  batch: (spec, bars) => [ratioBatch(inputOf(bars, spec), spec.periods, (r) => r - 1)],
});

/** Log return over `periods` bars: ln(x_t / x_{t-p}). */
export const logReturnFeature = seriesFeature({
  kind: "series",
  type: "log_return",
  lookback: (s) => s.periods + 1,
  outputs: () => [""],
  defaultName: (spec) => `log_return${suffix(spec)}`,
  expressions: (spec): pl.Expr[] => {
    const x = inputColumn(spec);
    return [x.div(prev(x, spec.periods)).log()];
  },
  incremental: (spec) => ratioIncremental(spec, Math.log),
  batch: (spec, bars) => [ratioBatch(inputOf(bars, spec), spec.periods, Math.log)],
});
