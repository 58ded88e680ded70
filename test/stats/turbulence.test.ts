import { describe, expect, it } from "vitest";
import { createRng } from "../../runtime/core/rng.js";
import {
  mahalanobisDistance,
  TurbulenceTracker,
  turbulenceIndex,
} from "../../runtime/stats/turbulence.js";

/** Closes of `m` random-walk assets over n bars (returns ~ N(0, 1%)), seeded. */
function randomCloses(m: number, n: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: m }, () => {
    const c = new Float64Array(n);
    c[0] = 100;
    for (let t = 1; t < n; t++) c[t] = c[t - 1]! * (1 + 0.01 * (rng.next() * 2 - 1) * 1.7);
    return c;
  });
}

const ret = (c: Float64Array, t: number) => c[t]! / c[t - 1]! - 1;

/** The Kritzman–Li distance for two assets by the closed-form 2×2 inverse (an independent formula). */
function direct2(closes: Float64Array[], t: number, from: number): number {
  const rows: number[][] = [];
  for (let u = from; u < t; u++) rows.push([ret(closes[0]!, u), ret(closes[1]!, u)]);
  const n = rows.length;
  const mu = [0, 1].map((i) => rows.reduce((a, r) => a + r[i]!, 0) / n);
  const c = (i: number, j: number) =>
    rows.reduce((a, r) => a + (r[i]! - mu[i]!) * (r[j]! - mu[j]!), 0) / (n - 1);
  const det = c(0, 0) * c(1, 1) - c(0, 1) ** 2;
  const y = [ret(closes[0]!, t) - mu[0]!, ret(closes[1]!, t) - mu[1]!];
  return (c(1, 1) * y[0]! ** 2 - 2 * c(0, 1) * y[0]! * y[1]! + c(0, 0) * y[1]! ** 2) / det;
}

describe("turbulence index (Kritzman & Li 2010)", () => {
  const closes = randomCloses(2, 400, 7);

  it("rolling window: the Mahalanobis distance from the mean and covariance of the previous window", () => {
    const window = 50;
    const index = turbulenceIndex(closes, { window });
    expect(Number.isNaN(index[window]!)).toBe(true);
    for (const t of [51, 120, 260, 399]) {
      expect(index[t]! / direct2(closes, t, t - window)).toBeCloseTo(1, 10);
    }
  });
  it("expanding window and a shorter warm-up: all returns before t once minHistory exist", () => {
    const expanding = turbulenceIndex(closes, { window: Number.POSITIVE_INFINITY, minHistory: 30 });
    expect(Number.isNaN(expanding[30]!)).toBe(true);
    for (const t of [31, 200, 399]) expect(expanding[t]! / direct2(closes, t, 1)).toBeCloseTo(1, 9);
    const growing = turbulenceIndex(closes, { window: 100, minHistory: 20 });
    expect(growing[40]! / direct2(closes, 40, 1)).toBeCloseTo(1, 10);
    expect(growing[300]! / direct2(closes, 300, 200)).toBeCloseTo(1, 10);
  });
  it("a NaN return gives NaN while it is in play and leaves no trace after", () => {
    const spoiled = closes.map((c) => Float64Array.from(c));
    spoiled[1]![150] = Number.NaN;
    const clean = turbulenceIndex(closes, { window: 30 });
    const index = turbulenceIndex(spoiled, { window: 30 });
    // Returns 150 and 151 are NaN; they are in the window of bars up to 181.
    for (const t of [150, 151, 170, 181]) expect(Number.isNaN(index[t]!)).toBe(true);
    expect(index[182]! / clean[182]!).toBeCloseTo(1, 9);
    expect(index[149]).toBe(clean[149]);
  });
  it("singular covariance: the pseudo-inverse (a duplicated asset adds nothing; a flat one is ignored)", () => {
    const one = [closes[0]!];
    const single = turbulenceIndex(one, { window: 40 });
    const duplicated = turbulenceIndex([closes[0]!, Float64Array.from(closes[0]!)], { window: 40 });
    const flat = turbulenceIndex([closes[0]!, new Float64Array(400).fill(5)], { window: 40 });
    for (const t of [41, 200, 399]) {
      // One asset: ((r − μ) / σ)², by hand.
      const rs = Array.from({ length: 40 }, (_, k) => ret(closes[0]!, t - 40 + k));
      const mu = rs.reduce((a, b) => a + b) / 40;
      const v = rs.reduce((a, b) => a + (b - mu) ** 2, 0) / 39;
      expect(single[t]).toBeCloseTo((ret(closes[0]!, t) - mu) ** 2 / v, 10);
      expect(duplicated[t]! / single[t]!).toBeCloseTo(1, 9);
      expect(flat[t]! / single[t]!).toBeCloseTo(1, 9);
    }
    // More assets than past returns: Σ has rank ≤ history − 1, still a finite value.
    const wide = turbulenceIndex(randomCloses(6, 60, 3), { window: 4 });
    expect(Number.isFinite(wide[30]!)).toBe(true);
  });
  it("the streaming tracker gives the batch values; mahalanobisDistance on a diagonal covariance", () => {
    const batch = turbulenceIndex(closes, { window: 25 });
    const tracker = new TurbulenceTracker(2, { window: 25 });
    for (let t = 1; t < 400; t++) {
      const v = tracker.push([ret(closes[0]!, t), ret(closes[1]!, t)]);
      if (Number.isNaN(batch[t]!)) expect(Number.isNaN(v)).toBe(true);
      else expect(v).toBe(batch[t]);
    }
    expect(
      mahalanobisDistance(Float64Array.of(4, 0, 0, 0.25), Float64Array.of(2, 1), 2),
    ).toBeCloseTo(1 + 4, 14);
  });
});
