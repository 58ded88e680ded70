import { columnMean, emaArray, inputOf, nanArray } from "../batch-helpers.js";
import type pl from "nodejs-polars";
import { emaFromFirst, inputColumn, nanWhen } from "../expr-helpers.js";
import { seriesFeature } from "../define-feature.js";
import { EmaState, fieldOf, RingWindow } from "../incremental-helpers.js";
import { BAR_INDEX } from "../expr-helpers.js";
import pl_ from "nodejs-polars";

const named = (type: string) => (spec: { readonly window: number }) => `${type}_${spec.window}`;

/** Simple moving average over the trailing `window` bars. */
export const smaFeature = seriesFeature({
  kind: "series",
  type: "sma",
  lookback: (s) => s.window,
  outputs: () => [""],
  defaultName: named("sma"),
  expressions: (spec): pl.Expr[] => {
    const n = spec.window;
    return [inputColumn(spec).rollingMean({ windowSize: n, minPeriods: n })];
  },
  batch: (spec, bars) => [columnMean(bars, spec, spec.window).slice()],
  incremental: (spec) => {
    const w = new RingWindow(spec.window);
    return {
      update: (bar) => {
        w.push(fieldOf(bar, spec.column));
        return Float64Array.of(w.full ? w.mean() : Number.NaN);
      },
    };
  },
});

/**
 * Exponential moving average, factor 2/(window+1), seeded with the first value
 * (trading-signals' convention), reported from the window-th bar on.
 */
export const emaFeature = seriesFeature({
  kind: "series",
  type: "ema",
  lookback: () => null,
  outputs: () => [""],
  defaultName: named("ema"),
  expressions: (spec): pl.Expr[] => {
    const n = spec.window;
    return [nanWhen(pl_.col(BAR_INDEX).lt(n - 1), emaFromFirst(inputColumn(spec), n))];
  },
  batch: (spec, bars) => {
    const n = spec.window;
    const out = emaArray(inputOf(bars, spec), 2 / (n + 1));
    out.fill(Number.NaN, 0, n - 1);
    return [out];
  },
  incremental: (spec) => {
    const n = spec.window;
    const ema = new EmaState(2 / (n + 1));
    return {
      update: (bar) => {
        const v = ema.update(fieldOf(bar, spec.column));
        return Float64Array.of(ema.count >= n ? v : Number.NaN);
      },
    };
  },
});

/** Linearly weighted moving average: weights 1..window, newest heaviest. */
export const wmaFeature = seriesFeature({
  kind: "series",
  type: "wma",
  lookback: (s) => s.window,
  outputs: () => [""],
  defaultName: named("wma"),
  expressions: (spec): pl.Expr[] => {
    const n = spec.window;
    const weights = Array.from({ length: n }, (_, i) => i + 1);
    return [inputColumn(spec).rollingMean({ windowSize: n, weights, minPeriods: n })];
  },
  batch: (spec, bars) => {
    const n = spec.window;
    const x = inputOf(bars, spec);
    const out = nanArray(x.length, n - 1);
    const base = (n * (n + 1)) / 2;
    for (let t = n - 1; t < x.length; t++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += x[t - k]! * (n - k);
      out[t] = s / base;
    }
    return [out];
  },
  incremental: (spec) => {
    const n = spec.window;
    const w = new RingWindow(n);
    const base = (n * (n + 1)) / 2;
    return {
      update: (bar) => {
        w.push(fieldOf(bar, spec.column));
        if (!w.full) return Float64Array.of(Number.NaN);
        let s = 0;
        for (let k = 0; k < n; k++) s += w.ago(k) * (n - k);
        return Float64Array.of(s / base);
      },
    };
  },
});
