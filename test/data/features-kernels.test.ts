import { beforeAll, describe, expect, it } from "vitest";
import {
  computeFeatures,
  computeFeaturesWithExpressions,
} from "../../runtime/data/features/compute-features.js";
import { featureSpecs } from "../../runtime/data/features/feature-specs.js";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import type { OhlcvPanel } from "../../runtime/contracts/panel.js";
import { withDefaults } from "../support/spec-values.js";

/** Every per-symbol feature with a typed-array kernel, in non-default settings too. */
const KERNELED = featureSpecs([
  { type: "returns" },
  { type: "returns", periods: 5 },
  { type: "log_return" },
  { type: "log_return", periods: 3, column: "open" },
  { type: "sma", window: 10 },
  { type: "sma", window: 3, column: "high" },
  { type: "ema", window: 10 },
  { type: "ema", window: 30, column: "low" },
  { type: "wma", window: 10 },
  { type: "rsi", window: 14 },
  { type: "rsi", window: 5, column: "open" },
  { type: "macd" },
  { type: "macd", fast: 5, slow: 9, signal: 4 },
  { type: "bollinger", window: 20 },
  { type: "bollinger", window: 7, k: 1.5 },
  { type: "atr", window: 14 },
  { type: "atr", window: 3 },
  { type: "volatility", window: 20 },
  { type: "volatility", window: 5, annualization: 252 },
  { type: "zscore", window: 20 },
  { type: "zscore", window: 4 },
]);

let panel: OhlcvPanel;
beforeAll(async () => {
  const ds = await loadDataset(
    withDefaults("data", {
      source: "bundled",
      name: "goog",
    }),
  );
  // two symbols; the second has a run of NaN bars (an unfilled calendar gap) and a flat stretch
  const gap = (a: Float64Array) => a.map((v, t) => (t >= 400 && t < 410 ? Number.NaN : v));
  const flat = (a: Float64Array) => a.map((v, t) => (t >= 600 && t < 640 ? a[600]! : v));
  const second = (a: Float64Array) => flat(gap(a));
  const p = ds.panel;
  panel = {
    ...p,
    symbols: [p.symbols[0]!, "GAPPY"],
    open: [p.open[0]!, second(p.open[0]!)],
    high: [p.high[0]!, second(p.high[0]!)],
    low: [p.low[0]!, second(p.low[0]!)],
    close: [p.close[0]!, second(p.close[0]!)],
    volume: [p.volume[0]!, second(p.volume[0]!)],
  };
});

function expectSameValues(a: Float64Array, b: Float64Array, label: string): void {
  expect(a.length).toBe(b.length);
  const scale = Math.max(1, ...Array.from(b).filter(Number.isFinite).map(Math.abs)) * 1e-9;
  for (let t = 0; t < a.length; t++) {
    if (Number.isNaN(b[t]!) || Number.isNaN(a[t]!)) {
      expect([Number.isNaN(a[t]!), Number.isNaN(b[t]!)], `${label} bar ${t}`).toEqual([true, true]);
      continue;
    }
    expect(Math.abs(a[t]! - b[t]!), `${label} bar ${t}`).toBeLessThanOrEqual(scale);
  }
}

describe("typed-array kernels = the declared polars expressions", () => {
  it("every kernel matches its expressions (1e-9), NaN gaps and flat stretches included", () => {
    const fast = computeFeatures(panel, KERNELED);
    const declared = computeFeaturesWithExpressions(panel, KERNELED);
    expect(fast.names).toEqual(declared.names);
    fast.names.forEach((name, f) => {
      panel.symbols.forEach((symbol, s) => {
        expectSameValues(fast.values[f]![s]!, declared.values[f]![s]!, `${name} ${symbol}`);
      });
    });
  });

  it("one symbol (no .over) and windows longer than the data", () => {
    const one: OhlcvPanel = {
      timestamps: panel.timestamps.subarray(0, 12),
      symbols: ["X"],
      open: [panel.open[0]!.subarray(0, 12)],
      high: [panel.high[0]!.subarray(0, 12)],
      low: [panel.low[0]!.subarray(0, 12)],
      close: [panel.close[0]!.subarray(0, 12)],
      volume: [panel.volume[0]!.subarray(0, 12)],
    };
    const fast = computeFeatures(one, KERNELED);
    const declared = computeFeaturesWithExpressions(one, KERNELED);
    fast.names.forEach((name, f) => {
      expectSameValues(fast.values[f]![0]!, declared.values[f]![0]!, name);
    });
  });
});
