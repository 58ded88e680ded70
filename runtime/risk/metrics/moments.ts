/** Sample moments of a return series (NaNs skipped). */
export interface Moments {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1). */
  readonly std: number;
  /** Skewness g1 (population moments, as scipy.stats.skew with bias=True). */
  readonly skewness: number;
  /** Excess kurtosis g2 (population moments, scipy.stats.kurtosis with bias=True). */
  readonly excessKurtosis: number;
}

export function finite(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) out.push(values[i]!);
  return out;
}

export function moments(values: ArrayLike<number>): Moments {
  const x = finite(values);
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of x) {
    const z = v - mean;
    m2 += z * z;
    m3 += z * z * z;
    m4 += z * z * z * z;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return {
    n,
    mean,
    std: n > 1 ? Math.sqrt((m2 * n) / (n - 1)) : 0,
    skewness: m2 > 0 ? m3 / m2 ** 1.5 : 0,
    excessKurtosis: m2 > 0 ? m4 / (m2 * m2) - 3 : 0,
  };
}
