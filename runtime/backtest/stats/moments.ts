/**
 * Sample moments of plain number arrays, with the conventions of pandas
 * (which backtesting.py and QuantStats use): NaN values are skipped, `ddof`
 * is the delta degrees of freedom, skew and kurtosis are the bias-corrected
 * sample estimators (`Series.skew()`, `Series.kurt()` = excess kurtosis).
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

/** Variance with `ddof` delta degrees of freedom (1 = sample, 0 = population). NaN when n <= ddof. */
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

export function std(xs: Numbers, ddof = 1): number {
  return Math.sqrt(variance(xs, ddof));
}

/** Sample covariance (ddof 1) of two equally long arrays. */
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

/** Pearson correlation. */
export function correlation(xs: Numbers, ys: Numbers): number {
  return covariance(xs, ys) / Math.sqrt(variance(xs) * variance(ys));
}

/** Bias-corrected sample skewness (pandas `Series.skew()`); NaN for n < 3. */
export function skew(xs: Numbers): number {
  const n = xs.length;
  if (n < 3) return Number.NaN;
  const m = mean(xs);
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  if (m2 === 0) return 0;
  const g1 = m3 / m2 ** 1.5;
  return (Math.sqrt(n * (n - 1)) / (n - 2)) * g1;
}

/** Bias-corrected sample excess kurtosis (pandas `Series.kurt()`); NaN for n < 4. */
export function kurtosis(xs: Numbers): number {
  const n = xs.length;
  if (n < 4) return Number.NaN;
  const m = mean(xs);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - m;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  if (m2 === 0) return 0;
  // pandas: adj = 3(n-1)^2/((n-2)(n-3)); numer = n(n+1)(n-1) m4; denom = (n-2)(n-3) m2^2
  const numer = n * (n + 1) * (n - 1) * m4;
  const denom = (n - 2) * (n - 3) * m2 * m2;
  const adj = (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
  return numer / denom - adj;
}

/** Quantile with linear interpolation between order statistics (numpy/pandas default). */
export function quantile(xs: Numbers, q: number): number {
  return quantileSorted(Float64Array.from(finite(xs)).sort(), q);
}

/** `quantile` of an ascending-sorted, NaN-free sample (no copy, no sort). */
export function quantileSorted(sorted: Numbers, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

export function max(xs: Numbers): number {
  let m = Number.NEGATIVE_INFINITY;
  let seen = false;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (Number.isNaN(v)) continue;
    seen = true;
    if (v > m) m = v;
  }
  return seen ? m : Number.NaN;
}

export function min(xs: Numbers): number {
  let m = Number.POSITIVE_INFINITY;
  let seen = false;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (Number.isNaN(v)) continue;
    seen = true;
    if (v < m) m = v;
  }
  return seen ? m : Number.NaN;
}

/**
 * backtesting.py's geometric mean: NaN returns count as 0, any return
 * <= -100% makes the mean 0, otherwise exp(mean(log(1 + r))) - 1.
 */
export function geometricMeanReturn(returns: Numbers): number {
  const n = returns.length;
  if (n === 0) return Number.NaN;
  let logSum = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    const g = Number.isNaN(r) ? 1 : 1 + r;
    if (g <= 0) return 0;
    logSum += Math.log(g);
  }
  return Math.exp(logSum / n) - 1;
}

/** `a / b`, NaN when `b` is 0 or NaN (Python's `x / (y or np.nan)`). */
export function safeDiv(a: number, b: number): number {
  return b === 0 || Number.isNaN(b) ? Number.NaN : a / b;
}
