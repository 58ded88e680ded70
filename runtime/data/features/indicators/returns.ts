import { inputOf, nanArray } from "../batch-helpers.js";
import type pl from "nodejs-polars";
import { inputColumn, prev } from "../expr-helpers.js";
import type { BarInput, FeatureSpec, SeriesFeatureDefinition } from "../feature-types.js";
import { fieldOf, RingWindow } from "../incremental-helpers.js";

const periodsOf = (spec: FeatureSpec): number => spec.periods ?? 1;
const suffix = (spec: FeatureSpec): string => (periodsOf(spec) === 1 ? "" : `_${periodsOf(spec)}`);

function ratioIncremental(spec: FeatureSpec, map: (ratio: number) => number) {
  const p = periodsOf(spec);
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
export const returnsFeature: SeriesFeatureDefinition = {
  kind: "series",
  type: "returns",
  outputs: () => [""],
  defaultName: (spec) => `returns${suffix(spec)}`,
  expressions: (spec): pl.Expr[] => {
    const x = inputColumn(spec);
    return [x.div(prev(x, periodsOf(spec))).minus(1)];
  },
  incremental: (spec) => ratioIncremental(spec, (r) => r - 1),
  batch: (spec, bars) => [ratioBatch(inputOf(bars, spec), periodsOf(spec), (r) => r - 1)],
};

/** Log return over `periods` bars: ln(x_t / x_{t-p}). */
export const logReturnFeature: SeriesFeatureDefinition = {
  kind: "series",
  type: "log_return",
  outputs: () => [""],
  defaultName: (spec) => `log_return${suffix(spec)}`,
  expressions: (spec): pl.Expr[] => {
    const x = inputColumn(spec);
    return [x.div(prev(x, periodsOf(spec))).log()];
  },
  incremental: (spec) => ratioIncremental(spec, Math.log),
  batch: (spec, bars) => [ratioBatch(inputOf(bars, spec), periodsOf(spec), Math.log)],
};
