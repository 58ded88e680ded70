import { correlation, covariance, mean, type Numbers, std, variance } from "../../stats/moments.js";
import { compound } from "./period-return-stats.js";

/** QuantStats' benchmark-relative statistics on simple period returns. */
export interface BenchmarkStatistics {
  capmBeta: number;
  capmAlpha: number;
  correlation: number;
  rSquared: number;
  informationRatio: number;
  treynorRatio: number;
}

/**
 * capmBeta = cov(r, b) / var(b); capmAlpha = (mean r − β mean b) · N
 * (annualized); R² = corr²; information ratio = mean(r − b) / std(r − b)
 * (per period, not annualized, as in QuantStats); Treynor = (Π(1+r) − 1 − rf) / β.
 */
export function benchmarkStatistics(
  returns: Numbers,
  benchmark: Numbers,
  periodsPerYear: number,
  riskFreeRate: number,
): BenchmarkStatistics {
  const varB = variance(benchmark);
  const beta = varB === 0 ? Number.NaN : covariance(returns, benchmark) / varB;
  const active = Float64Array.from(
    { length: returns.length },
    (_, i) => returns[i]! - benchmark[i]!,
  );
  const activeStd = std(active);
  const corr = correlation(returns, benchmark);
  return {
    capmBeta: beta,
    capmAlpha: (mean(returns) - beta * mean(benchmark)) * periodsPerYear,
    correlation: corr,
    rSquared: corr * corr,
    informationRatio: activeStd === 0 ? 0 : mean(active) / activeStd,
    treynorRatio:
      beta === 0 || Number.isNaN(beta) ? Number.NaN : (compound(returns) - riskFreeRate) / beta,
  };
}
