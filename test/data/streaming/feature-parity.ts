import { expect } from "vitest";
import type { FeaturePanel } from "../../../runtime/contracts/panel.js";
import type { ProcessedBar } from "../../../runtime/data/streaming/index.js";

/**
 * Every streamed feature value equals the batch value at the same bar and
 * symbol: both NaN (warm-up), or within 1e-9 relative (1e-12 absolute near 0).
 */
export function expectMatchesBatch(bars: readonly ProcessedBar[], batch: FeaturePanel): void {
  const tIndex = new Map(Array.from(batch.timestamps, (ts, t) => [ts, t]));
  const sIndex = new Map(batch.symbols.map((s, i) => [s, i]));
  let compared = 0;
  let finite = 0;
  for (const bar of bars) {
    const t = tIndex.get(bar.ts);
    const s = sIndex.get(bar.symbol);
    expect(t, `bar ${bar.symbol} ${bar.ts} is in the batch panel`).toBeDefined();
    batch.names.forEach((name, f) => {
      const expected = batch.values[f]![s!]![t!]!;
      const actual = bar.features[name]!;
      compared++;
      if (Number.isNaN(expected)) {
        if (!Number.isNaN(actual))
          expect.fail(`${name} at ${bar.symbol}/${t}: stream ${actual}, batch NaN`);
        return;
      }
      finite++;
      const tolerance = Math.max(1e-9 * Math.abs(expected), 1e-12);
      if (!(Math.abs(actual - expected) <= tolerance)) {
        expect.fail(`${name} at ${bar.symbol}/${t}: stream ${actual}, batch ${expected}`);
      }
    });
  }
  expect(compared).toBe(bars.length * batch.names.length);
  expect(finite).toBeGreaterThan(compared * 0.9);
}
