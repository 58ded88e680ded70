import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { covariance, mean, std, sum, variance } from "../../runtime/stats/moments.js";
import {
  rollingApply,
  rollingBeta,
  rollingMean,
  rollingStd,
  rollingSum,
} from "../../runtime/stats/rolling.js";

const series = fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), {
  minLength: 1,
  maxLength: 60,
});

describe("rolling windows agree with the batch statistics of each window", () => {
  it("sum, mean and std (ddof 1 and 0)", () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 2, max: 12 }), (xs, w) => {
        const x = Float64Array.from(xs);
        const s = rollingSum(x, w);
        const m = rollingMean(x, w);
        const sd = rollingStd(x, w);
        const pop = rollingStd(x, w, 0);
        for (let t = 0; t < x.length; t++) {
          if (t < w - 1) {
            expect(Number.isNaN(s[t]!) && Number.isNaN(m[t]!) && Number.isNaN(sd[t]!)).toBe(true);
            continue;
          }
          const win = x.subarray(t - w + 1, t + 1);
          const scale = 1 + Math.abs(sum(win)) + std(win);
          expect(Math.abs(s[t]! - sum(win)) / scale).toBeLessThan(1e-9);
          expect(Math.abs(m[t]! - mean(win)) / scale).toBeLessThan(1e-9);
          expect(Math.abs(sd[t]! - std(win)) / scale).toBeLessThan(1e-9);
          expect(Math.abs(pop[t]! - std(win, 0)) / scale).toBeLessThan(1e-9);
        }
      }),
    );
  });
  it("a NaN spoils only the windows that hold it; a constant window has std exactly 0", () => {
    const x = Float64Array.of(1, 2, Number.NaN, 4, 5, 6, 6, 6);
    const m = rollingMean(x, 3);
    expect(Array.from(m.subarray(2, 5)).every(Number.isNaN)).toBe(true);
    expect(m[5]).toBe(5);
    expect(rollingStd(x, 3)[7]).toBe(0);
    expect(rollingStd(Float64Array.of(0.1, 0.1, 0.1), 3, 0)[2]).toBe(0);
  });
  it("compensated sums do not drift over a long series", () => {
    const x = Float64Array.from({ length: 200_000 }, (_, i) => (i % 2 ? 1e8 : 0.1) + i * 1e-3);
    const m = rollingMean(x, 10);
    const t = x.length - 1;
    expect(m[t]).toBeCloseTo(mean(x.subarray(t - 9, t + 1)), 6);
  });
  it("rollingApply calls the window function on [t − w + 1, t + 1) and rejects windows < 2", () => {
    const out = rollingApply(5, 2, (a, b) => a * 10 + b);
    expect(Array.from(out.subarray(1))).toEqual([2, 13, 24, 35]);
    expect(() => rollingApply(5, 1, () => 0)).toThrow(/window/);
    expect(() => rollingMean(Float64Array.of(1), 0)).toThrow(/window/);
  });
});

describe("rollingBeta", () => {
  it("is cov(r, b) / var(b) of each window; NaN for non-finite windows and a flat benchmark", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -1, max: 1, noNaN: true }),
            fc.double({ min: -1, max: 1, noNaN: true }),
          ),
          {
            minLength: 5,
            maxLength: 40,
          },
        ),
        (pairs) => {
          const r = Float64Array.from(pairs, (p) => p[0]);
          const b = Float64Array.from(pairs, (p) => p[1]);
          const beta = rollingBeta(r, b, 5);
          for (let t = 4; t < r.length; t++) {
            const vb = variance(b.subarray(t - 4, t + 1));
            const expected = covariance(r.subarray(t - 4, t + 1), b.subarray(t - 4, t + 1)) / vb;
            if (vb > 0) expect(beta[t]).toBeCloseTo(expected, 9);
            else expect(Number.isNaN(beta[t]!)).toBe(true);
          }
        },
      ),
    );
    const b = Float64Array.from({ length: 30 }, (_, i) => Math.sin(i));
    const r = b.map((v) => 2 * v + 0.001);
    r[10] = Number.NaN;
    const beta = rollingBeta(r, b, 5);
    expect(beta[9]).toBeCloseTo(2, 12);
    expect(Array.from(beta.subarray(10, 15)).every(Number.isNaN)).toBe(true);
    expect(beta[15]).toBeCloseTo(2, 12);
    expect(Number.isNaN(rollingBeta(r, new Float64Array(30).fill(1), 5)[20]!)).toBe(true);
    expect(() => rollingBeta(r, b.subarray(1), 5)).toThrow(/benchmark/);
  });
});
