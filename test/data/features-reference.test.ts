import { ADX, ATR, BollingerBands, CCI, DX, EMA, MACD, OBV, RSI, SMA, WMA } from "trading-signals";
import { beforeAll, describe, expect, it } from "vitest";
import { computeFeatures } from "../../runtime/data/features/compute-features.js";
import { featureSpecs } from "../../runtime/data/features/feature-specs.js";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import type { OhlcvPanel } from "../../runtime/contracts/panel.js";
import { withDefaults } from "../support/spec-values.js";

/**
 * Batch feature values checked against the trading-signals package, bar by
 * bar, on real SPY OHLCV data (|a − b| ≤ 1e-9 · max(|b|, scale), where scale
 * is 1 for bounded oscillators and the price level for price differences
 * such as MACD, whose values cross zero).
 */
let panel: OhlcvPanel;
beforeAll(async () => {
  panel = (await loadDataset(withDefaults("data", { source: "bundled", name: "spy" }))).panel;
});

function feature(spec: Readonly<Record<string, unknown>>, output = 0): Float64Array {
  return computeFeatures(panel, featureSpecs([spec])).values[output]![0]!;
}

type Candle = { open: number; high: number; low: number; close: number; volume: number };
function candles(): Candle[] {
  return Array.from(panel.timestamps, (_, t) => ({
    open: panel.open[0]![t]!,
    high: panel.high[0]![t]!,
    low: panel.low[0]![t]!,
    close: panel.close[0]![t]!,
    volume: panel.volume[0]![t]!,
  }));
}

function expectMatches(ours: Float64Array, reference: (number | null)[], scale = 1): void {
  expect(ours.length).toBe(reference.length);
  let compared = 0;
  for (let t = 0; t < ours.length; t++) {
    const ref = reference[t];
    if (ref === null || ref === undefined) {
      expect(Number.isNaN(ours[t]!), `bar ${t} should be warm-up (NaN)`).toBe(true);
      continue;
    }
    const tol = 1e-9 * Math.max(Math.abs(ref), scale);
    expect(Math.abs(ours[t]! - ref), `bar ${t}: ${ours[t]} vs ${ref}`).toBeLessThanOrEqual(tol);
    compared++;
  }
  expect(compared).toBeGreaterThan(ours.length - 60);
}

const closes = (): number[] => Array.from(panel.close[0]!);

describe("features vs trading-signals (spy daily)", () => {
  it("SMA, EMA, WMA", () => {
    for (const n of [5, 20]) {
      const sma = new SMA(n);
      expectMatches(
        feature({ type: "sma", window: n }),
        closes().map((c) => sma.update(c, false) ?? null),
      );
      const ema = new EMA(n);
      expectMatches(
        feature({ type: "ema", window: n }),
        closes().map((c) => {
          ema.update(c, false);
          return ema.isStable ? ema.getResultOrThrow() : null;
        }),
      );
      const wma = new WMA(n);
      expectMatches(
        feature({ type: "wma", window: n }),
        closes().map((c) => wma.update(c, false) ?? null),
      );
    }
  });

  it("RSI (Wilder smoothing seeded with the first window's mean)", () => {
    for (const n of [2, 14]) {
      const rsi = new RSI(n);
      expectMatches(
        feature({ type: "rsi", window: n }),
        closes().map((c) => rsi.update(c, false) ?? null),
      );
    }
  });

  it("MACD line, signal, histogram", () => {
    const macd = new MACD(new EMA(12), new EMA(26), new EMA(9));
    const ref = closes().map((c) => macd.update(c, false) ?? null);
    const level = 200; // SPY's price level: MACD values are price differences
    expectMatches(
      feature({ type: "macd" }, 0),
      ref.map((r) => r?.macd ?? null),
      level,
    );
    const signalStart = 26 - 1 + 9 - 1;
    const sig = ref.map((r, t) => (t >= signalStart ? (r?.signal ?? null) : null));
    expectMatches(feature({ type: "macd" }, 1), sig, level);
    const hist = ref.map((r, t) => (t >= signalStart ? (r?.histogram ?? null) : null));
    expectMatches(feature({ type: "macd" }, 2), hist, level);
  });

  it("Bollinger bands (population std, k = 2)", () => {
    const bb = new BollingerBands(20, 2);
    const ref = closes().map((c) => bb.update(c, false) ?? null);
    expectMatches(
      feature({ type: "bollinger" }, 0),
      ref.map((r) => r?.middle ?? null),
    );
    expectMatches(
      feature({ type: "bollinger" }, 1),
      ref.map((r) => r?.upper ?? null),
    );
    expectMatches(
      feature({ type: "bollinger" }, 2),
      ref.map((r) => r?.lower ?? null),
    );
    expectMatches(
      feature({ type: "bollinger" }, 3),
      ref.map((r) => (r ? (r.upper - r.lower) / r.middle : null)),
    );
  });

  it("ATR, DX, ADX (Wilder)", () => {
    const atr = new ATR(14);
    expectMatches(
      feature({ type: "atr" }),
      candles().map((c) => atr.update(c, false) ?? null),
    );
    const dx = new DX(14);
    expectMatches(
      feature({ type: "dx" }),
      candles().map((c) => dx.update(c, false) ?? null),
    );
    const adx = new ADX(14);
    const adxRef = candles().map((c) => adx.update(c, false) ?? null);
    expectMatches(feature({ type: "adx" }, 0), adxRef);
    const adx2 = new ADX(14);
    const pdi = candles().map((c) =>
      adx2.update(c, false) !== null || adx2.pdi !== undefined
        ? 100 * (adx2.pdi ?? Number.NaN)
        : null,
    );
    const ours = feature({ type: "adx" }, 2);
    for (let t = 30; t < ours.length; t++) expect(ours[t]).toBeCloseTo(pdi[t]!, 9);
  });

  it("CCI", () => {
    const cci = new CCI(20);
    expectMatches(
      feature({ type: "cci" }),
      candles().map((c) => cci.update(c, false) ?? null),
      1,
    );
  });

  it("OBV (trading-signals' OBV(2) starts at bar 1 with the first signed volume)", () => {
    const obv = new OBV(2);
    const ref = candles().map((c) => obv.update(c, false) ?? null);
    const ours = feature({ type: "obv" });
    expect(ours[0]).toBe(0);
    for (let t = 1; t < ours.length; t++) expect(ours[t]).toBe(ref[t]);
  });
});
