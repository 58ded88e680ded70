import { columnMean, columnPopulationStd, inputOf } from "../batch-helpers.js";
import { inputColumn, windowOf } from "../expr-helpers.js";
import type { SeriesFeatureDefinition } from "../feature-types.js";
import { fieldOf, RingWindow } from "../incremental-helpers.js";

const DEFAULT_WINDOW = 20;

/**
 * Bollinger bands: mid = SMA(window), upper/lower = mid ± k · population std
 * (trading-signals' convention), width = (upper − lower) / mid.
 */
export const bollingerFeature: SeriesFeatureDefinition = {
  kind: "series",
  type: "bollinger",
  outputs: () => ["mid", "upper", "lower", "width"],
  defaultName: (spec) => `bollinger_${windowOf(spec, DEFAULT_WINDOW)}`,
  expressions: (spec) => {
    const n = windowOf(spec, DEFAULT_WINDOW);
    const k = spec.k ?? 2;
    const x = inputColumn(spec);
    const mid = x.rollingMean({ windowSize: n, minPeriods: n });
    const sd = x.rollingStd({ windowSize: n, minPeriods: n }).mul(Math.sqrt((n - 1) / n));
    const upper = mid.plus(sd.mul(k));
    const lower = mid.minus(sd.mul(k));
    return [mid, upper, lower, upper.minus(lower).div(mid)];
  },
  batch: (spec, bars) => {
    const n = windowOf(spec, DEFAULT_WINDOW);
    const k = spec.k ?? 2;
    const x = inputOf(bars, spec);
    const mid = columnMean(bars, spec, n).slice();
    const sd = columnPopulationStd(bars, spec, n);
    const upper = new Float64Array(x.length);
    const lower = new Float64Array(x.length);
    const width = new Float64Array(x.length);
    for (let t = 0; t < x.length; t++) {
      upper[t] = mid[t]! + k * sd[t]!;
      lower[t] = mid[t]! - k * sd[t]!;
      width[t] = (upper[t]! - lower[t]!) / mid[t]!;
    }
    return [mid, upper, lower, width];
  },
  incremental: (spec) => {
    const n = windowOf(spec, DEFAULT_WINDOW);
    const k = spec.k ?? 2;
    const w = new RingWindow(n);
    return {
      update: (bar) => {
        w.push(fieldOf(bar, spec.column));
        if (!w.full) return Float64Array.of(Number.NaN, Number.NaN, Number.NaN, Number.NaN);
        const mid = w.mean();
        const sd = w.std(0);
        const upper = mid + k * sd;
        const lower = mid - k * sd;
        return Float64Array.of(mid, upper, lower, (upper - lower) / mid);
      },
    };
  },
};
