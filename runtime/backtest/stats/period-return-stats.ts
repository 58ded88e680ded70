/**
 * QuantStats' statistics of a return series (one return per period), as
 * plain functions on number arrays. NaN-free input is assumed (the caller
 * drops NaN). Definitions: docs/statistics.md, section "QuantStats".
 */
import { normalPdf, normalPpf } from "../../core/normal-distribution.js";
import { correlation, mean, type Numbers, std, sum } from "../../stats/moments.js";
import { quantileSorted } from "../../stats/quantile.js";

/** Positive periods / non-zero periods (0 when every period is flat, as in QuantStats). */
export function periodWinRate(rs: Numbers): number {
  let pos = 0;
  let nonZero = 0;
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i]!;
    if (r !== 0) nonZero++;
    if (r > 0) pos++;
  }
  return nonZero === 0 ? 0 : pos / nonZero;
}

/** Sum and count of the values satisfying `keep` (no allocation). */
function sumWhere(rs: Numbers, keep: (r: number) => boolean): { total: number; count: number } {
  let total = 0;
  let count = 0;
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i]!;
    if (keep(r)) {
      total += r;
      count++;
    }
  }
  return { total, count };
}

function meanWhere(rs: Numbers, keep: (r: number) => boolean): number {
  const { total, count } = sumWhere(rs, keep);
  return count === 0 ? Number.NaN : total / count;
}

/** An ascending sorted copy (the sample the quantile statistics share). */
export function sortedCopy(rs: Numbers): Float64Array {
  return Float64Array.from(rs).sort();
}

export const avgNonZeroReturn = (rs: Numbers): number => meanWhere(rs, (r) => r !== 0);
export const avgWin = (rs: Numbers): number => meanWhere(rs, (r) => r > 0);
export const avgLoss = (rs: Numbers): number => meanWhere(rs, (r) => r < 0);

/** Average win / |average loss| (QuantStats' payoff ratio = win/loss ratio). */
export function payoffRatio(rs: Numbers): number {
  const loss = avgLoss(rs);
  return loss === 0 || Number.isNaN(loss) ? Number.NaN : avgWin(rs) / Math.abs(loss);
}

/** (mean(r ≥ 0) / #(r ≥ 0)) / |mean(r < 0) / #(r < 0)|. */
export function profitRatio(rs: Numbers): number {
  const wins = sumWhere(rs, (r) => r >= 0);
  const losses = sumWhere(rs, (r) => r < 0);
  if (wins.count === 0) return 0;
  if (losses.count === 0) return Number.NaN;
  const lossRatio = Math.abs(losses.total / losses.count / losses.count);
  return lossRatio === 0 ? Number.NaN : Math.abs(wins.total / wins.count / wins.count) / lossRatio;
}

/** Σ(r ≥ 0) / |Σ(r < 0)|; 0 when both are 0, +∞ without losses. */
export function periodProfitFactor(rs: Numbers): number {
  const wins = sumWhere(rs, (r) => r >= 0).total;
  const losses = Math.abs(sumWhere(rs, (r) => r < 0).total);
  if (losses === 0) return wins === 0 ? 0 : Number.POSITIVE_INFINITY;
  return wins / losses;
}

/** Longest run of consecutive periods satisfying `pred`. */
export function longestStreak(rs: Numbers, pred: (r: number) => boolean): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < rs.length; i++) {
    run = pred(rs[i]!) ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** Kelly fraction from the period returns: (b·p − q) / b, b the payoff ratio. */
export function periodKelly(rs: Numbers): number {
  const b = payoffRatio(rs);
  if (b === 0 || Number.isNaN(b)) return Number.NaN;
  const p = periodWinRate(rs);
  return (b * p - (1 - p)) / b;
}

/** ((1 − w) / (1 + w))^n, w the period win rate, n the number of periods. */
export function riskOfRuin(rs: Numbers): number {
  const w = periodWinRate(rs);
  return ((1 - w) / (1 + w)) ** rs.length;
}

/** Parametric (normal) value at risk: the (1 − confidence) quantile of N(mean, std). */
export function parametricVaR(rs: Numbers, confidence = 0.95): number {
  return mean(rs) + std(rs) * normalPpf(1 - confidence);
}

/** Parametric expected shortfall: E[X | X ≤ VaR] for X ~ N(mean, std). */
export function parametricCVaR(rs: Numbers, confidence = 0.95): number {
  const alpha = 1 - confidence;
  const mu = mean(rs);
  const sd = std(rs);
  if (sd === 0 || Number.isNaN(sd)) return mu;
  return mu - (sd * normalPdf(normalPpf(alpha))) / alpha;
}

/** Historical value at risk: the empirical (1 − confidence) quantile (linear interpolation). */
export function historicalVaR(
  rs: Numbers,
  confidence = 0.95,
  sorted: Numbers = sortedCopy(rs),
): number {
  return quantileSorted(sorted, 1 - confidence);
}

/** Historical expected shortfall: mean of the returns at or below the empirical quantile. */
export function historicalCVaR(
  rs: Numbers,
  confidence = 0.95,
  sorted: Numbers = sortedCopy(rs),
): number {
  const q = quantileSorted(sorted, 1 - confidence);
  return meanWhere(rs, (r) => r <= q);
}

/** |q(cutoff) / q(1 − cutoff)|. */
export function tailRatio(rs: Numbers, cutoff = 0.95, sorted: Numbers = sortedCopy(rs)): number {
  const lower = quantileSorted(sorted, 1 - cutoff);
  if (lower === 0 || Number.isNaN(lower)) return Number.NaN;
  return Math.abs(quantileSorted(sorted, cutoff) / lower);
}

/** q(0.99) / mean(r ≥ 0). */
export function outlierWinRatio(rs: Numbers, q = 0.99, sorted: Numbers = sortedCopy(rs)): number {
  const m = meanWhere(rs, (r) => r >= 0);
  return m === 0 || Number.isNaN(m) ? Number.NaN : quantileSorted(sorted, q) / m;
}

/** q(0.01) / mean(r < 0). */
export function outlierLossRatio(rs: Numbers, q = 0.01, sorted: Numbers = sortedCopy(rs)): number {
  const m = meanWhere(rs, (r) => r < 0);
  return m === 0 || Number.isNaN(m) ? Number.NaN : quantileSorted(sorted, q) / m;
}

/** Σr / |Σ(r < 0)| (Schwager's gain-to-pain ratio). */
export function gainToPain(rs: Numbers): number {
  const pain = Math.abs(sumWhere(rs, (r) => r < 0).total);
  return pain === 0 ? Number.NaN : sum(rs) / pain;
}

/** sqrt(1 + 2 Σ_{k=1}^{n−1} ((n − k)/n) ρ^k), ρ = |lag-1 autocorrelation|; 1 when undefined. */
export function autocorrelationPenalty(rs: Numbers): number {
  const n = rs.length;
  if (n < 2) return 1;
  const all = Float64Array.from(rs);
  const coef = Math.abs(correlation(all.subarray(0, n - 1), all.subarray(1)));
  if (Number.isNaN(coef)) return 1;
  let s = 0;
  let power = 1;
  for (let k = 1; k < n; k++) {
    power *= coef;
    if (power < 1e-300) break; // later terms underflow to 0
    s += ((n - k) / n) * power;
  }
  return Math.sqrt(1 + 2 * s);
}

/** Per-period excess returns r − ((1 + rf)^{1/N} − 1). */
export function excessReturns(rs: Numbers, annualRf: number, periodsPerYear: number): Float64Array {
  const rfPeriod = annualRf === 0 ? 0 : (1 + annualRf) ** (1 / periodsPerYear) - 1;
  return Float64Array.from({ length: rs.length }, (_, i) => rs[i]! - rfPeriod);
}

/** mean / std (ddof 1), not annualized. */
export function periodSharpe(excess: Numbers, smart = false): number {
  const divisor = std(excess) * (smart ? autocorrelationPenalty(excess) : 1);
  return mean(excess) / divisor;
}

/** mean / sqrt(Σ(r < 0)² / n), not annualized; NaN without downside. */
export function periodSortino(excess: Numbers, smart = false): number {
  let down = 0;
  for (let i = 0; i < excess.length; i++) if (excess[i]! < 0) down += excess[i]! ** 2;
  let downside = Math.sqrt(down / excess.length);
  if (smart) downside *= autocorrelationPenalty(excess);
  return downside === 0 ? Number.NaN : mean(excess) / downside;
}

/**
 * Probabilistic Sharpe ratio (Bailey & López de Prado): Φ(SR / σ_SR),
 * σ_SR = sqrt((1 − γ₃·SR + (γ₄ − 1)/4 · SR²) / (n − 1)), SR per period,
 * γ₃ the skewness and γ₄ the (raw) kurtosis of the returns.
 */
export function probabilisticSharpe(
  perPeriodSharpe: number,
  skewness: number,
  excessKurtosis: number,
  n: number,
  normalCdf: (x: number) => number,
): number {
  const kurt = excessKurtosis + 3;
  const sigma = Math.sqrt(
    (1 - skewness * perPeriodSharpe + ((kurt - 1) / 4) * perPeriodSharpe ** 2) / (n - 1),
  );
  return normalCdf(perPeriodSharpe / sigma);
}

/** Σ(r − θ)⁺ / Σ(θ − r)⁺ on excess returns, θ the per-period required return. */
export function omegaRatio(excess: Numbers, requiredAnnual = 0, periodsPerYear = 252): number {
  if (excess.length < 2) return Number.NaN;
  const theta =
    periodsPerYear === 1 ? requiredAnnual : (1 + requiredAnnual) ** (1 / periodsPerYear) - 1;
  let up = 0;
  let down = 0;
  for (let i = 0; i < excess.length; i++) {
    const d = excess[i]! - theta;
    if (d > 0) up += d;
    else if (d < 0) down -= d;
  }
  return down > 0 ? up / down : Number.NaN;
}

/** Geometric mean per period: Π(1 + r)^{1/n} − 1. */
export function expectedReturn(rs: Numbers): number {
  if (rs.length === 0) return Number.NaN;
  let logSum = 0;
  for (let i = 0; i < rs.length; i++) logSum += Math.log1p(rs[i]!);
  return Math.exp(logSum / rs.length) - 1;
}

/** Π(1 + r) − 1. */
export function compound(rs: Numbers): number {
  let g = 1;
  for (let i = 0; i < rs.length; i++) g *= 1 + rs[i]!;
  return g - 1;
}

/** QuantStats CAGR: (1 + compound)^{N / n} − 1 (years = observed periods / N). */
export function cagrByPeriods(rs: Numbers, periodsPerYear: number): number {
  if (rs.length === 0) return Number.NaN;
  const wealth = 1 + compound(rs);
  return wealth < 0 ? Number.NaN : wealth ** (periodsPerYear / rs.length) - 1;
}
