import { finite } from "../../stats/moments.js";
import { type Moments, moments } from "./moments.js";
import { normalPdf, normalPpf as normalQuantile } from "../../core/normal-distribution.js";
import { quantile } from "../../stats/quantile.js";

/**
 * Value at risk and conditional value at risk (expected shortfall) of a
 * return distribution at tail probability α (0.05 = 95% VaR). Both are
 * reported as positive losses: VaR = −q_α, CVaR = −E[r | r ≤ q_α].
 */
export interface VarEstimate {
  readonly var: number;
  readonly cvar: number;
}

/** Gaussian: VaR = −(μ + σ z_α), CVaR = σ φ(z_α)/α − μ. */
export function gaussianVar(mean: number, std: number, alpha: number): VarEstimate {
  const z = normalQuantile(alpha);
  return { var: -(mean + std * z), cvar: (std * normalPdf(z)) / alpha - mean };
}

/**
 * Cornish–Fisher quantile of the standardised distribution with skewness S
 * and excess kurtosis K: z + (z²−1)S/6 + (z³−3z)K/24 − (2z³−5z)S²/36.
 */
export function cornishFisherZ(z: number, skew: number, exKurt: number): number {
  return (
    z +
    ((z * z - 1) * skew) / 6 +
    ((z ** 3 - 3 * z) * exKurt) / 24 -
    ((2 * z ** 3 - 5 * z) * skew * skew) / 36
  );
}

/**
 * Cornish–Fisher (modified) VaR, and CVaR as the mean of the Cornish–Fisher
 * quantile function over (0, α): with u ~ U(0, α), z = Φ⁻¹(u) is a standard
 * normal truncated above at z_α, whose moments are E[z] = −φ/α,
 * E[z²] = 1 − z_α φ/α, E[z³] = −(z_α² + 2) φ/α (φ = φ(z_α)).
 */
export function cornishFisherVar(
  mean: number,
  std: number,
  skew: number,
  exKurt: number,
  alpha: number,
): VarEstimate {
  const z = normalQuantile(alpha);
  const phi = normalPdf(z);
  const m1 = -phi / alpha;
  const m2 = 1 - (z * phi) / alpha;
  const m3 = -((z * z + 2) * phi) / alpha;
  const tailMean =
    m1 +
    ((m2 - 1) * skew) / 6 +
    ((m3 - 3 * m1) * exKurt) / 24 -
    ((2 * m3 - 5 * m1) * skew * skew) / 36;
  return {
    var: -(mean + std * cornishFisherZ(z, skew, exKurt)),
    cvar: -(mean + std * tailMean),
  };
}

/** Historical VaR (type-7 quantile) and CVaR (mean of the returns at or below it). */
export function historicalVar(returns: ArrayLike<number>, alpha: number): VarEstimate {
  const x = finite(returns);
  const q = quantile(x, alpha);
  const tail = x.filter((v) => v <= q);
  return { var: -q, cvar: -(tail.reduce((a, b) => a + b, 0) / tail.length) };
}

export interface VarReport {
  readonly alpha: number;
  readonly moments: Moments;
  readonly historical: VarEstimate;
  readonly gaussian: VarEstimate;
  readonly cornishFisher: VarEstimate;
}

/** All three estimates from one return series (per-bar figures). */
export function valueAtRisk(returns: ArrayLike<number>, alpha = 0.05): VarReport {
  const m = moments(returns);
  return {
    alpha,
    moments: m,
    historical: historicalVar(returns, alpha),
    gaussian: gaussianVar(m.mean, m.std, alpha),
    cornishFisher: cornishFisherVar(m.mean, m.std, m.skewness, m.excessKurtosis, alpha),
  };
}
