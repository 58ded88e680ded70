import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { finiteValues, median, quantile, quantileSorted } from "../../runtime/stats/quantile.js";

// numpy 2.4: np.quantile([1, 2, 3, 10, 4.5, -2], q) (linear interpolation, numpy's default).
const x = [1, 2, 3, 10, 4.5, -2];

describe("quantile (type 7, linear interpolation)", () => {
  it("matches numpy", () => {
    const expected: [number, number][] = [
      [0, -2],
      [0.1, -0.5],
      [0.25, 1.25],
      [0.5, 2.5],
      [0.9, 7.25],
      [1, 10],
    ];
    for (const [q, v] of expected) expect(quantile(x, q)).toBeCloseTo(v, 13);
  });
  it("drops NaN and ±Infinity; NaN for an empty sample", () => {
    expect(quantile([Number.NaN, ...x, Number.POSITIVE_INFINITY], 0.25)).toBeCloseTo(1.25, 13);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
    expect(Number.isNaN(quantile([Number.NaN], 0.5))).toBe(true);
  });
  it("median is numpy's median", () => {
    expect(median(x)).toBe(2.5);
    expect(median(x.slice(0, 5))).toBe(3);
    expect(Number.isNaN(median([]))).toBe(true);
    expect(median(Float64Array.of(5))).toBe(5);
  });
  it("finiteValues keeps the finite values of a range", () => {
    expect(finiteValues([1, Number.NaN, 3, 4, Number.POSITIVE_INFINITY], 1, 5)).toEqual([3, 4]);
  });
  it("properties: within [min, max], monotone in q, the median at q = 0.5, order statistics at q = k/(n−1)", () => {
    const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
      minLength: 1,
      maxLength: 50,
    });
    fc.assert(
      fc.property(sample, fc.double({ min: 0, max: 1, noNaN: true }), (xs, q) => {
        const sorted = Float64Array.from(xs).sort();
        const v = quantile(xs, q);
        expect(v).toBeGreaterThanOrEqual(sorted[0]!);
        expect(v).toBeLessThanOrEqual(sorted[sorted.length - 1]!);
        expect(quantile(xs, Math.min(1, q + 0.1))).toBeGreaterThanOrEqual(v - 1e-9);
        expect(quantile(xs, 0.5)).toBeCloseTo(median(xs), 6);
        const k = Math.floor(q * (xs.length - 1));
        expect(quantileSorted(sorted, xs.length > 1 ? k / (xs.length - 1) : 0)).toBeCloseTo(
          sorted[k]!,
          6,
        );
      }),
    );
  });
});
