import { describe, expect, it } from "vitest";
import { createRng } from "../../runtime/core/rng.js";
import { rollingBeta } from "../../runtime/stats/rolling.js";
import { annualTurnover, exposures, turnover } from "../../runtime/risk/metrics/exposure.js";
import { moments } from "../../runtime/risk/metrics/moments.js";
import {
  erfc,
  normalCdf,
  normalPdf,
  normalPpf as normalQuantile,
} from "../../runtime/core/normal-distribution.js";
import { computeRiskReport } from "../../runtime/risk/metrics/risk-report.js";
import {
  priceShock,
  replayWindow,
  volatilityShock,
  worstWindows,
} from "../../runtime/risk/metrics/stress.js";
import {
  cornishFisherVar,
  cornishFisherZ,
  gaussianVar,
  historicalVar,
  valueAtRisk,
} from "../../runtime/risk/metrics/value-at-risk.js";

describe("normal distribution functions (published values)", () => {
  it("quantiles, cdf, pdf and erfc", () => {
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514722, 14);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740408408, 13);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 11);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 15);
    expect(normalCdf(-4) / 3.167124183311992e-5).toBeCloseTo(1, 12);
    expect(normalCdf(-2.5) / 0.006209665325776132).toBeCloseTo(1, 13);
    expect(erfc(2.2) / 0.001862846297981891).toBeCloseTo(1, 13);
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 16);
    expect(erfc(3.5) / 7.430983723414128e-7).toBeCloseTo(1, 12);
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 15);
  });
});

describe("value at risk", () => {
  it("Gaussian VaR = −(μ + σ z_α) and CVaR = σ φ(z_α)/α − μ", () => {
    const g = gaussianVar(0.001, 0.02, 0.05);
    expect(g.var).toBeCloseTo(-(0.001 + 0.02 * -1.6448536269514722), 14);
    expect(g.cvar).toBeCloseTo((0.02 * 0.10313564037537128) / 0.05 - 0.001, 14);
    const g1 = gaussianVar(0, 1, 0.01);
    expect(g1.var).toBeCloseTo(2.3263478740408408, 13);
    expect(g1.cvar).toBeCloseTo(2.665214220345808, 12);
  });

  it("Cornish–Fisher: equals Gaussian without skew and kurtosis; CVaR equals the integral of the CF quantile", () => {
    const a = cornishFisherVar(0.0005, 0.015, 0, 0, 0.05);
    const g = gaussianVar(0.0005, 0.015, 0.05);
    expect(a.var).toBeCloseTo(g.var, 15);
    expect(a.cvar).toBeCloseTo(g.cvar, 15);
    const S = -0.6;
    const K = 4;
    const z = -1.6448536269514722;
    // Known expansion at z: z + (z²−1)S/6 + (z³−3z)K/24 − (2z³−5z)S²/36.
    const zcf =
      z + ((z * z - 1) * S) / 6 + ((z ** 3 - 3 * z) * K) / 24 - ((2 * z ** 3 - 5 * z) * S * S) / 36;
    expect(cornishFisherZ(z, S, K)).toBeCloseTo(zcf, 14);
    const cf = cornishFisherVar(0.0005, 0.015, S, K, 0.05);
    expect(cf.var).toBeCloseTo(-(0.0005 + 0.015 * zcf), 14);
    // CVaR: −(μ + σ · (1/α) ∫_0^α z_cf(Φ⁻¹(p)) dp), by the midpoint rule on p = α u², dp = 2α u du.
    const steps = 200_000;
    let integral = 0;
    for (let i = 0; i < steps; i++) {
      const u = (i + 0.5) / steps;
      integral += cornishFisherZ(normalQuantile(0.05 * u * u), S, K) * 2 * u;
    }
    integral /= steps;
    expect(cf.cvar).toBeCloseTo(-(0.0005 + 0.015 * integral), 7);
    expect(cf.cvar).toBeGreaterThan(cf.var);
  });

  it("historical VaR/CVaR by the type-7 quantile and the tail mean", () => {
    const r = Float64Array.from({ length: 10 }, (_, i) => -0.05 + i * 0.01);
    const h = historicalVar(r, 0.1);
    expect(h.var).toBeCloseTo(0.041, 14);
    expect(h.cvar).toBeCloseTo(0.05, 14);
  });

  it("on a large normal sample, historical ≈ Gaussian ≈ Cornish–Fisher", () => {
    const rng = createRng(17);
    const r = Float64Array.from({ length: 200_000 }, () => 0.0003 + 0.01 * rng.normal());
    const report = valueAtRisk(r, 0.05);
    expect(report.historical.var).toBeCloseTo(report.gaussian.var, 3);
    expect(report.historical.cvar).toBeCloseTo(report.gaussian.cvar, 3);
    expect(Math.abs(report.moments.skewness)).toBeLessThan(0.03);
    expect(Math.abs(report.cornishFisher.var - report.gaussian.var)).toBeLessThan(2e-4);
  });

  it("moments match hand-computed values", () => {
    const m = moments([1, 2, 3, 4, 10]);
    expect(m.mean).toBe(4);
    // deviations −3,−2,−1,0,6: m2 = 50/5 = 10, m3 = (−27−8−1+216)/5 = 36, m4 = (81+16+1+1296)/5 = 278.8
    expect(m.std).toBeCloseTo(Math.sqrt(50 / 4), 14);
    expect(m.skewness).toBeCloseTo(36 / 10 ** 1.5, 14);
    expect(m.excessKurtosis).toBeCloseTo(278.8 / 100 - 3, 14);
  });
});

describe("beta, exposures, turnover", () => {
  it("rolling beta recovers a linear relation exactly", () => {
    const rng = createRng(2);
    const b = Float64Array.from({ length: 300 }, () => 0.01 * rng.normal());
    const a = b.map((v, t) => 0.0002 + (t < 150 ? 2 : 0.5) * v);
    const beta = rollingBeta(a, b, 60);
    expect(Number.isNaN(beta[58]!)).toBe(true);
    expect(beta[100]).toBeCloseTo(2, 12);
    expect(beta[299]).toBeCloseTo(0.5, 12);
  });

  it("exposures and two-sided turnover", () => {
    const w = [Float64Array.of(0.5, 0.5, -0.2), Float64Array.of(0.5, 0.3, 0.3)];
    const e = exposures(w);
    expect(Array.from(e.gross)).toEqual([1, 0.8, 0.5]);
    expect(Array.from(e.net)).toEqual([1, 0.8, 0.09999999999999998]);
    expect(Array.from(e.short)).toEqual([0, 0, 0.2]);
    const to = turnover(w);
    expect(to[0]).toBeCloseTo(1, 15);
    expect(to[1]).toBeCloseTo(0.2, 15);
    expect(to[2]).toBeCloseTo(0.7, 15);
    expect(annualTurnover(to, 252)).toBeCloseTo((1.9 / 3) * 252, 12);
  });
});

describe("stress tests", () => {
  it("finds the worst non-overlapping windows and replays them on today's weights", () => {
    const r = new Float64Array(100).fill(0.001);
    r[0] = Number.NaN;
    for (let t = 40; t < 45; t++) r[t] = -0.05;
    for (let t = 70; t < 73; t++) r[t] = -0.04;
    const w = worstWindows(r, 5, 2);
    expect(w[0]).toMatchObject({ start: 40, end: 44 });
    expect(w[0]!.return).toBeCloseTo(0.95 ** 5 - 1, 14);
    expect(w[1]!.start).toBeLessThanOrEqual(70);
    expect(w[1]!.end).toBeGreaterThanOrEqual(72);
    expect(w[1]!.end < 40 || w[1]!.start > 44).toBe(true);
    const closes = [
      Float64Array.from({ length: 100 }, (_, t) => 100 + t),
      Float64Array.from({ length: 100 }, () => 50),
    ];
    // Asset 0 goes 139 → 144 over bars 40..44 (from close 39).
    expect(replayWindow(Float64Array.of(0.5, 0.5), closes, w[0]!)).toBeCloseTo(
      0.5 * (144 / 139 - 1),
      14,
    );
    expect(priceShock(Float64Array.of(0.6, -0.2), -0.1)).toBeCloseTo(-0.04, 15);
    expect(priceShock(Float64Array.of(0.6, -0.2), [-0.2, 0.1])).toBeCloseTo(-0.14, 15);
  });

  it("a volatility shock scales Gaussian VaR as μ + factor·σ", () => {
    const rng = createRng(3);
    const r = Float64Array.from({ length: 1000 }, () => 0.01 * rng.normal());
    const m = moments(r);
    const s = volatilityShock(r, 2, 0.05);
    expect(s.gaussian.var).toBeCloseTo(-(m.mean + 2 * m.std * -1.6448536269514722), 13);
  });

  it("computeRiskReport assembles every figure", () => {
    const rng = createRng(4);
    const n = 500;
    const bench = Float64Array.from({ length: n }, () => 0.01 * rng.normal());
    const ret = bench.map((v) => 0.8 * v);
    const closes = [Float64Array.from({ length: n }, (_, t) => 100 * 1.001 ** t)];
    const report = computeRiskReport({
      returns: ret,
      benchmarkReturns: bench,
      weights: [new Float64Array(n).fill(0.8)],
      closes,
      periodsPerYear: 252,
    });
    expect(report.valueAtRisk.map((v) => v.alpha)).toEqual([0.05, 0.01]);
    expect(report.beta!.last).toBeCloseTo(0.8, 12);
    expect(report.exposure!.meanGross).toBeCloseTo(0.8, 12);
    expect(report.turnover!.meanPerBar).toBeCloseTo(0.8 / n, 14);
    expect(report.stress.worstWindows).toHaveLength(3);
    expect(report.stress.priceShocks[1]).toEqual({
      shock: -0.1,
      portfolioReturn: -0.08000000000000002,
    });
  });
});
