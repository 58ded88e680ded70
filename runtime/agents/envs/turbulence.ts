/**
 * FinRL's turbulence index (Kritzman & Li 2010): the Mahalanobis distance of
 * today's cross-section of returns from the mean and covariance of the
 * previous `window` days, d_t = (y_t − μ)ᵀ Σ⁻¹ (y_t − μ). Uses data up to t
 * only; 0 during warm-up. Σ is regularised by a tiny ridge for invertibility.
 */
export function turbulenceIndex(
  closes: readonly Float64Array[],
  window = 252,
  ridge = 1e-10,
): Float64Array {
  const S = closes.length;
  const n = closes[0]?.length ?? 0;
  const out = new Float64Array(n);
  const returns = (t: number, s: number): number => closes[s]![t]! / closes[s]![t - 1]! - 1;
  const sum = new Float64Array(S);
  const outer = new Float64Array(S * S);
  const add = (t: number, sign: number): void => {
    for (let i = 0; i < S; i++) {
      const ri = returns(t, i);
      sum[i]! += sign * ri;
      for (let j = 0; j < S; j++) outer[i * S + j]! += sign * ri * returns(t, j);
    }
  };
  for (let t = 1; t < n; t++) {
    // History = returns of bars t−window .. t−1 (each return needs the bar before it).
    if (t - 1 >= 1) add(t - 1, 1);
    if (t - 1 - window >= 1) add(t - 1 - window, -1);
    const count = Math.min(window, t - 1);
    if (count < Math.max(S + 2, 20)) continue;
    const mean = Float64Array.from(sum, (v) => v / count);
    const cov = new Float64Array(S * S);
    for (let i = 0; i < S; i++) {
      for (let j = 0; j < S; j++) {
        cov[i * S + j] = (outer[i * S + j]! - count * mean[i]! * mean[j]!) / (count - 1);
      }
      cov[i * S + i]! += ridge;
    }
    const diff = Float64Array.from({ length: S }, (_, i) => returns(t, i) - mean[i]!);
    const x = choleskySolve(cov, diff, S);
    let d = 0;
    for (let i = 0; i < S; i++) d += diff[i]! * x[i]!;
    out[t] = d;
  }
  return out;
}

/** Solves A x = b for a symmetric positive-definite A (n × n, row-major) by Cholesky. */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j * n + j]!;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}
