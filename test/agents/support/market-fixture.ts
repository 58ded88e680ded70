import type { FeaturePanel, OhlcvPanel, Segments } from "../../../runtime/contracts/panel.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";

/**
 * Test features computed here, independently of runtime/data/features: the
 * 1-bar log return, the 5-bar log return and the close's distance to its
 * 20-bar mean (in units of its 20-bar standard deviation). Each uses closes up
 * to and including bar t; warm-up bars are NaN.
 */
export function testFeatures(panel: OhlcvPanel): FeaturePanel {
  const values = [[] as Float64Array[], [] as Float64Array[], [] as Float64Array[]];
  for (const close of panel.close) {
    const n = close.length;
    const r1 = new Float64Array(n).fill(Number.NaN);
    const r5 = new Float64Array(n).fill(Number.NaN);
    const z20 = new Float64Array(n).fill(Number.NaN);
    for (let t = 1; t < n; t++) r1[t] = Math.log(close[t]! / close[t - 1]!);
    for (let t = 5; t < n; t++) r5[t] = Math.log(close[t]! / close[t - 5]!);
    for (let t = 19; t < n; t++) {
      let m = 0;
      for (let k = 0; k < 20; k++) m += close[t - k]!;
      m /= 20;
      let v = 0;
      for (let k = 0; k < 20; k++) v += (close[t - k]! - m) ** 2;
      z20[t] = (close[t]! - m) / Math.sqrt(v / 19);
    }
    values[0]!.push(r1);
    values[1]!.push(r5);
    values[2]!.push(z20);
  }
  return {
    timestamps: panel.timestamps,
    symbols: panel.symbols,
    names: ["ret_1", "ret_5", "z_20"],
    values,
  };
}

/** Splits bars 60/20/20 into train/valid/test. */
export function testSegments(bars: number): Segments {
  const a = Math.floor(bars * 0.6);
  const b = Math.floor(bars * 0.8);
  return {
    train: { start: 0, end: a },
    valid: { start: a, end: b },
    test: { start: b, end: bars },
  };
}

export function spyMarket(): { panel: OhlcvPanel; features: FeaturePanel; segments: Segments } {
  const panel = readOhlcvCsv("spy_daily_2007_2017_mplfinance.csv", "SPY");
  return { panel, features: testFeatures(panel), segments: testSegments(panel.timestamps.length) };
}
