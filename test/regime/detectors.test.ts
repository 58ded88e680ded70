import { describe, expect, it } from "vitest";
import { createRng } from "../../runtime/core/rng.js";
import type { OhlcvPanel } from "../../runtime/contracts/panel.js";
import { turbulenceIndex } from "../../runtime/regime/detectors/turbulence.js";
import { classificationReport } from "../../runtime/regime/ml/confusion.js";
import {
  fitLogisticRegression,
  predictProbabilities,
} from "../../runtime/regime/ml/logistic-regression.js";
import { quantile } from "../../runtime/stats/quantile.js";
import { createRegimeStage as createResolved } from "../../runtime/regime/stage.js";
import { withDefaults } from "../support/spec-values.js";
import { readOhlcvCsv } from "../support/csv-panel.js";
import { perturbFuture, segmentsByDate, testContext } from "./support/context.js";
import { panelDataset } from "../support/panel-dataset.js";

/** The stage of a regime section with the schema's defaults filled, as a loaded spec holds it (not validated, so the stage's own checks see bad values). */
function createRegimeStage(section: Record<string, unknown>) {
  return createResolved(withDefaults("regime", section));
}

const panel = readOhlcvCsv("sp500_daily_2000_2020_vega.csv", "SPX");
const segments = segmentsByDate(panel, "2012-01-01", "2014-01-01");
// async: a section the stage refuses when it is compiled (unknown ml target) rejects like a run failure.
const run = async (section: Record<string, unknown>, p: OhlcvPanel = panel) =>
  createRegimeStage(section).run(testContext(), { data: panelDataset(p, segments) });

/** Two correlated random-walk assets. */
function twoAssets(n: number, seed: number): OhlcvPanel {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  a[0] = 100;
  b[0] = 50;
  for (let t = 1; t < n; t++) {
    const z1 = rng.normal();
    const z2 = 0.6 * z1 + 0.8 * rng.normal();
    // Every 97th bar, asset A jumps 8 standard deviations.
    a[t] = a[t - 1]! * (1 + (t % 97 === 0 ? 0.08 : 0.01 * z1));
    b[t] = b[t - 1]! * (1 + 0.02 * z2);
  }
  const ts = Float64Array.from({ length: n }, (_, t) => Date.UTC(2010, 0, 1) + t * 86_400_000);
  return {
    timestamps: ts,
    symbols: ["A", "B"],
    open: [a, b],
    high: [a, b],
    low: [a, b],
    close: [a, b],
    volume: [a.map(() => 0), b.map(() => 0)],
  };
}

describe("quantile", () => {
  it("matches numpy's linear interpolation", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 0, 5], 0.25)).toBe(2.5);
    expect(quantile([3, 1, 2, 4, 5], 0.9)).toBeCloseTo(4.6, 12);
  });
});

describe("vol_threshold", () => {
  it("annualizes with the spec's backtest.periods_per_year when it sets one", async () => {
    const section = withDefaults("regime", { type: "vol_threshold", window: 20 });
    const stage = createResolved(section, undefined, { periodsPerYear: 52 });
    const weekly = await stage.run(testContext(), { data: panelDataset(panel, segments) });
    const daily = await run({ type: "vol_threshold", window: 20 });
    const t = 3000;
    // Daily bars read as 52 periods a year: the volatility scales by sqrt(52/252).
    expect(weekly.indicator![t]).toBeCloseTo(daily.indicator![t]! * Math.sqrt(52 / 252), 12);
    expect((weekly.model as { periodsPerYear: number }).periodsPerYear).toBe(52);
    // Quantile thresholds scale alike, so the labels are the same.
    expect(Array.from(weekly.labels)).toEqual(Array.from(daily.labels));
  });

  it("thresholds at the train segment's median realized volatility", async () => {
    const r = await run({ type: "vol_threshold", window: 20 });
    const vol = r.indicator!;
    // Independent realized volatility at one bar.
    const t = 3000;
    const close = panel.close[0]!;
    const lr = Array.from({ length: 20 }, (_, k) => Math.log(close[t - k]! / close[t - k - 1]!));
    const mean = lr.reduce((a, b) => a + b, 0) / 20;
    const sd = Math.sqrt(lr.reduce((a, b) => a + (b - mean) ** 2, 0) / 19);
    expect(vol[t]).toBeCloseTo(sd * Math.sqrt(252), 9);
    const threshold = (r.model as { thresholds: number[] }).thresholds[0]!;
    const trainVol = Array.from(vol.subarray(segments.train.start, segments.train.end)).filter(
      Number.isFinite,
    );
    expect(threshold).toBeCloseTo(quantile(trainVol, 0.5), 12);
    // Half the train bars are above the median.
    const above = trainVol.filter((v) => v >= threshold).length / trainVol.length;
    expect(above).toBeCloseTo(0.5, 2);
    expect(r.labels[t]).toBe(vol[t]! >= threshold ? 1 : 0);
    expect(r.labels[19]).toBe(-1);
    expect(r.probabilistic).toBe(false);
  });
});

describe("trend", () => {
  it("labels by the sign of the moving-average slope, with a sideways band", async () => {
    const r = await run({ type: "trend", ma_window: 50, slope_window: 10, threshold: 0.01 });
    const close = panel.close[0]!;
    const ma = (t: number) => {
      let s = 0;
      for (let k = 0; k < 50; k++) s += close[t - k]!;
      return s / 50;
    };
    for (const t of [500, 2000, 4000, 5000]) {
      const slope = ma(t) / ma(t - 10) - 1;
      expect(r.indicator![t]).toBeCloseTo(slope, 10);
      expect(r.labels[t]).toBe(slope > 0.01 ? 0 : slope < -0.01 ? 2 : 1);
    }
    expect(r.stateNames).toEqual(["up", "sideways", "down"]);
    expect(r.labels[58]).toBe(-1);
    expect(r.labels[59]).not.toBe(-1);
  });
});

describe("turbulence", () => {
  it("equals the Mahalanobis distance from the rolling mean and covariance of the prior window", () => {
    const p = twoAssets(400, 3);
    const lookback = 60;
    const index = turbulenceIndex(p, lookback, false);
    const ret = (i: number, t: number) => p.close[i]![t]! / p.close[i]![t - 1]! - 1;
    for (const t of [61, 150, 291, 399]) {
      const rows = Array.from({ length: lookback }, (_, k) => [
        ret(0, t - lookback + k),
        ret(1, t - lookback + k),
      ]);
      const mu = [0, 1].map((i) => rows.reduce((a, r) => a + r[i]!, 0) / lookback);
      const c = (i: number, j: number) =>
        rows.reduce((a, r) => a + (r[i]! - mu[i]!) * (r[j]! - mu[j]!), 0) / (lookback - 1);
      const det = c(0, 0) * c(1, 1) - c(0, 1) ** 2;
      const y = [ret(0, t) - mu[0]!, ret(1, t) - mu[1]!];
      const d = (c(1, 1) * y[0]! ** 2 - 2 * c(0, 1) * y[0]! * y[1]! + c(0, 0) * y[1]! ** 2) / det;
      expect(index[t]! / d).toBeCloseTo(1, 8);
    }
    expect(Number.isNaN(index[60]!)).toBe(true);
    // Expanding: all history before t.
    const expanding = turbulenceIndex(p, lookback, true);
    expect(expanding[61]).toBeCloseTo(index[61]!, 10);
    expect(expanding[300]).not.toBeCloseTo(index[300]!, 3);
  });

  it("flags the shock bars as turbulent above the train quantile", async () => {
    const p = twoAssets(1200, 5);
    const segs = { train: { start: 0, end: 800 }, test: { start: 800, end: 1200 } };
    const r = await createRegimeStage({ type: "turbulence", lookback: 100, quantile: 0.95 }).run(
      testContext(),
      {
        data: panelDataset(p, segs),
      },
    );
    const shocks = [873, 970, 1067, 1164];
    for (const t of shocks) expect(r.labels[t]).toBe(1);
    const train = Array.from(r.indicator!.subarray(0, 800)).filter(Number.isFinite);
    expect((r.model as { threshold: number }).threshold).toBeCloseTo(quantile(train, 0.95), 12);
  });
});

describe("multinomial logistic regression", () => {
  it("reaches the closed-form MLE: class frequencies per group of a binary feature", () => {
    // Group 0: classes (0,1,2) in proportions 0.6/0.3/0.1; group 1: 0.2/0.2/0.6.
    const groups = [
      [60, 30, 10],
      [20, 20, 60],
    ];
    const x: number[] = [];
    const y: number[] = [];
    for (const [g, counts] of groups.entries()) {
      for (const [k, c] of counts.entries()) {
        for (let i = 0; i < c; i++) {
          x.push(g);
          y.push(k);
        }
      }
    }
    const model = fitLogisticRegression(Float64Array.from(x), Int32Array.from(y), 3, {
      l2: 0,
      iterations: 3000,
      learningRate: 1,
    });
    expect(model.gradientNorm).toBeLessThan(1e-5);
    const p0 = predictProbabilities(model, [0]);
    const p1 = predictProbabilities(model, [1]);
    for (const [k, v] of [0.6, 0.3, 0.1].entries()) expect(p0[k]).toBeCloseTo(v, 4);
    for (const [k, v] of [0.2, 0.2, 0.6].entries()) expect(p1[k]).toBeCloseTo(v, 4);
  });

  it("confusion matrix and accuracy", () => {
    const r = classificationReport([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], 3);
    expect(r.confusionMatrix).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
    expect(r.accuracy).toBeCloseTo(0.6, 12);
  });
});

describe("ml regime prediction", () => {
  it("predicts next-bar volatility regimes out of sample better than chance", async () => {
    const r = await run({
      type: "ml",
      target: { type: "vol_threshold", quantiles: [0.5] },
      lags: 5,
    });
    const model = r.model as {
      testAccuracy: number;
      testConfusionMatrix: number[][];
      testSamples: number;
      persistenceTestAccuracy: number;
    };
    expect(model.testAccuracy).toBeGreaterThan(0.75);
    expect(model.testConfusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(model.testSamples);
    expect(model.persistenceTestAccuracy).toBeGreaterThan(0.8);
    for (let t = 30; t < panel.timestamps.length; t += 211) {
      expect(r.probabilities[0]![t]! + r.probabilities[1]![t]!).toBeCloseTo(1, 12);
    }
  });

  it("every detector is free of look-ahead", async () => {
    const cut = segments.test.start + 100;
    const future = perturbFuture(panel, cut);
    for (const section of [
      { type: "vol_threshold" },
      { type: "trend", threshold: 0.005 },
      { type: "turbulence", lookback: 100 },
      { type: "ml", target: { type: "trend" }, iterations: 100 },
    ]) {
      const a = await run(section);
      const b = await run(section, future);
      expect(Array.from(b.labels.subarray(0, cut)), section.type).toEqual(
        Array.from(a.labels.subarray(0, cut)),
      );
      expect(Array.from(b.labels.subarray(cut))).not.toEqual(Array.from(a.labels.subarray(cut)));
    }
  });

  it("names the spec path of a bad target type", async () => {
    await expect(run({ type: "ml", target: { type: "hmn" } })).rejects.toMatchObject({
      diagnostics: [{ path: "/regime/target/type" }],
    });
  });
});
