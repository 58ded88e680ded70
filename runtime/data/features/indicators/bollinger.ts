import { columnMean, columnPopulationStd, inputOf } from "../batch-helpers.js";
import { inputColumn } from "../expr-helpers.js";
import { seriesFeature } from "../define-feature.js";
import { fieldOf, RingWindow } from "../incremental-helpers.js";

/**
 * Bollinger bands: mid = SMA(window), upper/lower = mid ± k · population std
 * (trading-signals' convention), width = (upper − lower) / mid.
 */
export const bollingerFeature = seriesFeature({
  kind: "series",
  type: "bollinger",
  lookback: (s) => s.window,
  outputs: () => ["mid", "upper", "lower", "width"],
  defaultName: (spec) => `bollinger_${spec.window}`,
  expressions: (spec) => {
    const n = spec.window;
    const k = spec.k;
    const x = inputColumn(spec);
    const mid = x.rollingMean({ windowSize: n, minPeriods: n });
    const sd = x.rollingStd({ windowSize: n, minPeriods: n }).mul(Math.sqrt((n - 1) / n));
    const upper = mid.plus(sd.mul(k));
    const lower = mid.minus(sd.mul(k));
    return [mid, upper, lower, upper.minus(lower).div(mid)];
  },
  batch: (spec, bars) => {
    const n = spec.window;
    const k = spec.k;
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
    const n = spec.window;
    const k = spec.k;
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
});
