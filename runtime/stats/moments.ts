/**
 * Sample moments of plain number arrays — the one definition every domain
 * uses. Conventions (docs/statistics.md, "Shared numerics"):
 * - `ddof` is the delta degrees of freedom: the divisor is n − ddof; the
 *   default 1 is the sample estimator (pandas / numpy `ddof=1`), 0 the
 *   population one. NaN when n ≤ ddof.
 * - no value is skipped: a NaN in the input gives NaN (use `finite` first to
 *   drop NaN and ±Infinity, as pandas' `skipna` does);
 * - `skew`/`kurtosis` are the bias-corrected sample estimators of pandas
 *   (`Series.skew()`, `Series.kurt()` = excess kurtosis) unless `adjusted` is
 *   false, which gives the population estimators g1 / g2 (scipy's
 *   `skew(bias=True)`, `kurtosis(bias=True)`).
 */

export type Numbers = ArrayLike<number>;

/** The finite values of `xs` (NaN and ±Infinity dropped), in order. */
export function finite(xs: Numbers): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

export function sum(xs: Numbers): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

/** Arithmetic mean; NaN for an empty input. */
export function mean(xs: Numbers): number {
  return xs.length === 0 ? Number.NaN : sum(xs) / xs.length;
}

/** Variance with divisor n − ddof (1 = sample, 0 = population), two passes. NaN when n ≤ ddof. */
export function variance(xs: Numbers, ddof = 1): number {
  const n = xs.length;
  if (n - ddof <= 0) return Number.NaN;
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - m;
    s += d * d;
  }
  return s / (n - ddof);
}

/** Standard deviation: √variance(xs, ddof). */
export function std(xs: Numbers, ddof = 1): number {
  return Math.sqrt(variance(xs, ddof));
}

/** Covariance (divisor n − ddof) of the first min(len) values of two arrays. */
export function covariance(xs: Numbers, ys: Numbers, ddof = 1): number {
  const n = Math.min(xs.length, ys.length);
  if (n - ddof <= 0) return Number.NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (xs[i]! - mx) * (ys[i]! - my);
  return s / (n - ddof);
}

/** Pearson correlation; NaN when either input has no variance (0 / 0). */
export function correlation(xs: Numbers, ys: Numbers): number {
  return covariance(xs, ys) / Math.sqrt(variance(xs) * variance(ys));
}

/** Sums of the 2nd, 3rd and 4th powers of the deviations from the mean. */
function centralSums(xs: Numbers): { s2: number; s3: number; s4: number } {
  const n = xs.length;
  const m = mean(xs);
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - m;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return { s2, s3, s4 };
}

/**
 * Skewness. `adjusted` (default): the bias-corrected sample skewness of
 * pandas, √(n(n−1))/(n−2) · g1, NaN for n < 3. Otherwise g1 = m3 / m2^1.5
 * with the population central moments (NaN for n = 0). 0 when every value
 * is equal.
 */
export function skew(xs: Numbers, adjusted = true): number {
  const n = xs.length;
  if (n < (adjusted ? 3 : 1)) return Number.NaN;
  const { s2, s3 } = centralSums(xs);
  const m2 = s2 / n;
  if (m2 === 0) return 0;
  const g1 = s3 / n / m2 ** 1.5;
  return adjusted ? (Math.sqrt(n * (n - 1)) / (n - 2)) * g1 : g1;
}

/**
 * Excess kurtosis. `adjusted` (default): the bias-corrected sample excess
 * kurtosis of pandas, n(n+1)(n−1)·Σd⁴ / ((n−2)(n−3)·(Σd²)²) − 3(n−1)²/((n−2)(n−3)),
 * NaN for n < 4. Otherwise g2 = m4 / m2² − 3 with the population central
 * moments (NaN for n = 0). 0 when every value is equal.
 */
export function kurtosis(xs: Numbers, adjusted = true): number {
  const n = xs.length;
  if (n < (adjusted ? 4 : 1)) return Number.NaN;
  const { s2, s4 } = centralSums(xs);
  if (s2 === 0) return 0;
  if (!adjusted) {
    const m2 = s2 / n;
    return s4 / n / (m2 * m2) - 3;
  }
  const numer = n * (n + 1) * (n - 1) * s4;
  const denom = (n - 2) * (n - 3) * s2 * s2;
  const adj = (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
  return numer / denom - adj;
}

/** Largest value, NaN skipped; NaN when there is none. */
export function max(xs: Numbers): number {
  let m = Number.NaN;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (v > m || (Number.isNaN(m) && !Number.isNaN(v))) m = v;
  }
  return m;
}

/** Smallest value, NaN skipped; NaN when there is none. */
export function min(xs: Numbers): number {
  let m = Number.NaN;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (v < m || (Number.isNaN(m) && !Number.isNaN(v))) m = v;
  }
  return m;
}
