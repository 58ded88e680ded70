import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  correlation,
  covariance,
  finite,
  kurtosis,
  max,
  mean,
  min,
  skew,
  std,
  sum,
  variance,
} from "../../runtime/stats/moments.js";

// Reference values computed with numpy 2.4 (np.mean, np.var(ddof), np.cov, np.corrcoef) and the
// textbook moment formulas g1 = m3/m2^1.5, g2 = m4/m2² − 3, G1 = √(n(n−1))/(n−2)·g1,
// G2 = ((n+1)·g2 + 6)(n−1)/((n−2)(n−3)) (pandas' Series.skew / Series.kurt).
const x = [1, 2, 3, 10, 4.5, -2];
const y = [0.5, 1, 1, 2, -1, 3];

describe("moments against numpy", () => {
  it("mean, variance and std with a documented ddof", () => {
    expect(sum(x)).toBe(18.5);
    expect(mean(x)).toBeCloseTo(3.0833333333333335, 14);
    expect(variance(x)).toBeCloseTo(16.241666666666667, 13);
    expect(variance(x, 1)).toBe(variance(x));
    expect(variance(x, 0)).toBeCloseTo(13.534722222222221, 13);
    expect(std(x, 0)).toBeCloseTo(Math.sqrt(13.534722222222221), 13);
    expect(std(x)).toBeCloseTo(Math.sqrt(16.241666666666667), 13);
  });
  it("covariance and correlation", () => {
    expect(covariance(x, y)).toBeCloseTo(-1.0083333333333335, 13);
    expect(correlation(x, y)).toBeCloseTo(-0.18436705305050788, 13);
    expect(correlation(x, x)).toBeCloseTo(1, 14);
    expect(Number.isNaN(correlation(x, [1, 1, 1, 1, 1, 1]))).toBe(true);
  });
  it("skew and kurtosis: adjusted (pandas) and population (scipy bias=True)", () => {
    expect(skew(x)).toBeCloseTo(0.8803059662971938, 12);
    expect(kurtosis(x)).toBeCloseTo(1.6594925342251015, 12);
    expect(skew(x, false)).toBeCloseTo(0.6428845803298074, 12);
    expect(kurtosis(x, false)).toBeCloseTo(-0.2881739882656795, 12);
  });
  it("degenerate inputs", () => {
    expect(Number.isNaN(mean([]))).toBe(true);
    expect(Number.isNaN(variance([5]))).toBe(true);
    expect(variance([5], 0)).toBe(0);
    expect(Number.isNaN(skew([1, 2]))).toBe(true);
    expect(Number.isNaN(kurtosis([1, 2, 3]))).toBe(true);
    expect(skew([2, 2, 2, 2])).toBe(0);
    expect(kurtosis([2, 2, 2, 2], false)).toBe(0);
    expect(Number.isNaN(mean([1, Number.NaN]))).toBe(true);
    expect(finite([1, Number.NaN, Number.POSITIVE_INFINITY, -3])).toEqual([1, -3]);
    expect(max([Number.NaN, -1, 4, Number.NaN])).toBe(4);
    expect(min([Number.NaN, -1, 4])).toBe(-1);
    expect(Number.isNaN(max([Number.NaN]))).toBe(true);
    expect(max([Number.NEGATIVE_INFINITY])).toBe(Number.NEGATIVE_INFINITY);
  });
  it("properties: shift invariance of the variance, scale of the std, covariance(x, x) = variance", () => {
    const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), {
      minLength: 2,
      maxLength: 40,
    });
    fc.assert(
      fc.property(sample, fc.double({ min: -100, max: 100, noNaN: true }), (xs, c) => {
        const v = variance(xs);
        const scale = 1 + v;
        expect(Math.abs(variance(xs.map((v2) => v2 + c)) - v) / scale).toBeLessThan(1e-9);
        expect(Math.abs(std(xs.map((v2) => 3 * v2)) - 3 * std(xs)) / (1 + std(xs))).toBeLessThan(
          1e-9,
        );
        expect(Math.abs(covariance(xs, xs) - v) / scale).toBeLessThan(1e-12);
        expect(variance(xs, 0)).toBeCloseTo((v * (xs.length - 1)) / xs.length, 6);
      }),
    );
  });
});
