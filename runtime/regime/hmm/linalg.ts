/**
 * Small dense linear algebra on row-major Float64Arrays, enough for
 * full-covariance Gaussians: Cholesky factor, log-determinant, triangular solve.
 */

/**
 * Lower Cholesky factor L (row-major d×d) of a symmetric positive-definite
 * matrix `a` (offset `aOffset`), written into `out`. Returns false when `a` is
 * not positive definite.
 */
export function cholesky(
  a: Float64Array,
  d: number,
  out: Float64Array,
  aOffset = 0,
  outOffset = 0,
): boolean {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[aOffset + i * d + j]!;
      for (let k = 0; k < j; k++) {
        sum -= out[outOffset + i * d + k]! * out[outOffset + j * d + k]!;
      }
      if (i === j) {
        if (!(sum > 0)) return false;
        out[outOffset + i * d + i] = Math.sqrt(sum);
      } else {
        out[outOffset + i * d + j] = sum / out[outOffset + j * d + j]!;
      }
    }
    for (let j = i + 1; j < d; j++) out[outOffset + i * d + j] = 0;
  }
  return true;
}

/** log det(A) from its Cholesky factor: 2 Σ log L_ii. */
export function logDetFromCholesky(l: Float64Array, d: number, offset = 0): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += Math.log(l[offset + i * d + i]!);
  return 2 * s;
}

/**
 * Squared Mahalanobis norm |L⁻¹ v|² by forward substitution; `work` holds d
 * numbers of scratch space.
 */
export function mahalanobisSquared(
  l: Float64Array,
  d: number,
  v: Float64Array,
  work: Float64Array,
  lOffset = 0,
): number {
  let q = 0;
  for (let i = 0; i < d; i++) {
    let s = v[i]!;
    for (let k = 0; k < i; k++) s -= l[lOffset + i * d + k]! * work[k]!;
    const y = s / l[lOffset + i * d + i]!;
    work[i] = y;
    q += y * y;
  }
  return q;
}

/** Inverse of a symmetric positive-definite matrix via its Cholesky factor (null if singular). */
export function invertSpd(a: Float64Array, d: number): Float64Array | null {
  const l = new Float64Array(d * d);
  if (!cholesky(a, d, l)) return null;
  const inv = new Float64Array(d * d);
  const col = new Float64Array(d);
  const y = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    col.fill(0);
    col[c] = 1;
    for (let i = 0; i < d; i++) {
      let s = col[i]!;
      for (let k = 0; k < i; k++) s -= l[i * d + k]! * y[k]!;
      y[i] = s / l[i * d + i]!;
    }
    for (let i = d - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let k = i + 1; k < d; k++) s -= l[k * d + i]! * inv[k * d + c]!;
      inv[i * d + c] = s / l[i * d + i]!;
    }
  }
  return inv;
}
