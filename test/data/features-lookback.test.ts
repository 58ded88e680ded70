import { beforeAll, describe, expect, it } from "vitest";
import type { OhlcvPanel } from "../../runtime/contracts/panel.js";
import { computeFeatures } from "../../runtime/data/features/compute-features.js";
import { featuresLookback } from "../../runtime/data/features/feature-lookback.js";
import { createFeatureRegistry } from "../../runtime/data/features/feature-registry.js";
import { featureSpecs } from "../../runtime/data/features/feature-specs.js";
import type { FeatureSpec } from "../../runtime/data/features/feature-types.js";
import { resolveFeatures } from "../../runtime/data/features/resolve-features.js";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import { withDefaults } from "../support/spec-values.js";

/** Every feature type, in default and non-default settings. */
const SERIES = featureSpecs([
  { type: "returns" },
  { type: "returns", periods: 5 },
  { type: "log_return", periods: 3, column: "open" },
  { type: "sma", window: 10 },
  { type: "wma", window: 7 },
  { type: "ema", window: 10 },
  { type: "rsi", window: 14 },
  { type: "macd" },
  { type: "bollinger", window: 20 },
  { type: "atr", window: 14 },
  { type: "adx", window: 14 },
  { type: "dx", window: 14 },
  { type: "cci", window: 20 },
  { type: "obv" },
  { type: "volatility", window: 20 },
  { type: "zscore", window: 12 },
]);
const PANEL = featureSpecs([
  { type: "correlation", window: 30 },
  { type: "turbulence", window: 60 },
]);

/** Bars [from, to) of a panel. */
function slice(p: OhlcvPanel, from: number, to: number): OhlcvPanel {
  const cut = (columns: readonly Float64Array[]) => columns.map((c) => c.slice(from, to));
  return {
    timestamps: p.timestamps.slice(from, to),
    symbols: p.symbols,
    open: cut(p.open),
    high: cut(p.high),
    low: cut(p.low),
    close: cut(p.close),
    volume: cut(p.volume),
  };
}

/**
 * Checks a feature's declared lookback on real data: its values at bar t
 * computed from only the `lookback` bars ending at t equal those from the
 * whole history (infinite memory, null: they differ, so the declaration is
 * not merely cautious).
 */
function checkLookback(panel: OhlcvPanel, spec: FeatureSpec): void {
  const [resolved] = resolveFeatures([spec], createFeatureRegistry());
  const lookback = resolved!.feature.lookback;
  const full = computeFeatures(panel, [spec]);
  let differs = false;
  for (const t of [300, 777, panel.timestamps.length - 1]) {
    const from = lookback === null ? t - 80 : t - lookback + 1;
    const part = computeFeatures(slice(panel, from, t + 1), [spec]);
    for (const [f, columns] of full.values.entries()) {
      for (const [s, column] of columns.entries()) {
        const whole = column[t]!;
        const windowed = part.values[f]![s]![t - from]!;
        if (lookback === null) {
          if (!(Math.abs(whole - windowed) <= 1e-9 * Math.max(1, Math.abs(whole)))) differs = true;
          continue;
        }
        expect(Number.isFinite(windowed), `${spec.type} ${full.names[f]} finite at t=${t}`).toBe(
          true,
        );
        expect(windowed, `${spec.type} ${full.names[f]} at t=${t}`).toBeCloseTo(whole, 9);
      }
    }
    if (lookback !== null) {
      // One bar fewer leaves the value at t undefined or different: the lookback is not too long.
      const short = computeFeatures(slice(panel, from + 1, t + 1), [spec]);
      const same = full.values.every((columns, f) =>
        columns.every((column, s) => short.values[f]![s]![t - from - 1] === column[t]),
      );
      expect(same, `${spec.type} lookback ${lookback} is minimal at t=${t}`).toBe(false);
    }
  }
  if (lookback === null) expect(differs, `${spec.type} has infinite memory`).toBe(true);
}

let goog: OhlcvPanel;
let dow: OhlcvPanel;
beforeAll(async () => {
  goog = (await loadDataset(withDefaults("data", { source: "bundled", name: "goog" }))).panel;
  const all = (await loadDataset(withDefaults("data", { source: "bundled", name: "dow30" }))).panel;
  const keep = [0, 1, 2, 3];
  dow = {
    ...all,
    symbols: keep.map((i) => all.symbols[i]!),
    open: keep.map((i) => all.open[i]!),
    high: keep.map((i) => all.high[i]!),
    low: keep.map((i) => all.low[i]!),
    close: keep.map((i) => all.close[i]!),
    volume: keep.map((i) => all.volume[i]!),
  };
}, 60_000);

describe("feature lookback (bars a value at t reads)", () => {
  for (const spec of SERIES) {
    it(`${spec.type} ${JSON.stringify(spec)}`, () => checkLookback(goog, spec));
  }
  for (const spec of PANEL) {
    it(`${spec.type} (cross-sectional)`, () => checkLookback(dow, spec));
  }

  it("the longest lookback of a list, or null with any infinite memory", () => {
    const registry = createFeatureRegistry();
    const finite = featureSpecs([
      { type: "sma", window: 10 },
      { type: "volatility", window: 20 },
    ]);
    expect(featuresLookback(resolveFeatures(finite, registry))).toBe(21);
    const withEma = featureSpecs([
      { type: "sma", window: 10 },
      { type: "ema", window: 5 },
    ]);
    expect(featuresLookback(resolveFeatures(withEma, registry))).toBeNull();
    expect(featuresLookback([])).toBe(1);
  });
});
