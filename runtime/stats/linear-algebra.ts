/**
 * Small dense linear algebra on row-major Float64Arrays — the one home of the
 * Cholesky factor, the solves and inverses, the sample covariance matrix and
 * quadratic forms (full-covariance Gaussians, the turbulence index, risk
 * forecasts).
 *
 * Singular matrices: `cholesky`, `choleskySolve` and `invertSpd` report a
 * matrix that is not (numerically) positive definite — a pivot ≤ `minPivot`
 * — instead of returning garbage; `pseudoInverseSolve` is the Moore–Penrose
 * solve for symmetric matrices, eigenvalues ≤ 1e-12 × the largest treated
 * as zero.
 */

/**
 * Lower Cholesky factor L (row-major d×d) of a symmetric positive-definite
 * matrix `a` (offset `aOffset`), written into `out`. Returns false when `a` is
 * not positive definite: a pivot L_ii² is not above `minPivot` (default 0).
 */
export function cholesky(
  a: Float64Array,
  d: number,
  out: Float64Array,
  aOffset = 0,
  outOffset = 0,
  minPivot = 0,
): boolean {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[aOffset + i * d + j]!;
      for (let k = 0; k < j; k++) {
        sum -= out[outOffset + i * d + k]! * out[outOffset + j * d + k]!;
      }
      if (i === j) {
        if (!(sum > minPivot)) return false;
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

/** Solves L Lᵀ x = b in place of `x` (L lower triangular, row-major n×n; `y` holds n numbers of scratch). */
function choleskySubstitute(
  l: Float64Array,
  n: number,
  b: ArrayLike<number>,
  x: Float64Array,
  y: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
}

/** The pivot bound under which `choleskySolve` calls a matrix singular: `relative` × its largest diagonal entry. */
export function relativePivot(a: Float64Array, n: number, relative: number): number {
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(a[i * n + i]!));
  return relative * largest;
}

/**
 * Solves A x = b for a symmetric positive-definite A (row-major n×n) by
 * Cholesky; undefined when A is not positive definite (a pivot ≤ minPivot).
 */
export function choleskySolve(
  a: Float64Array,
  b: ArrayLike<number>,
  n: number,
  minPivot = 0,
): Float64Array | undefined {
  const l = new Float64Array(n * n);
  if (!cholesky(a, n, l, 0, 0, minPivot)) return undefined;
  const x = new Float64Array(n);
  choleskySubstitute(l, n, b, x, new Float64Array(n));
  return x;
}

/** Inverse of a symmetric positive-definite matrix via its Cholesky factor (null if singular). */
export function invertSpd(a: Float64Array, d: number): Float64Array | null {
  const l = new Float64Array(d * d);
  if (!cholesky(a, d, l)) return null;
  const inv = new Float64Array(d * d);
  const col = new Float64Array(d);
  const x = new Float64Array(d);
  const y = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    col.fill(0);
    col[c] = 1;
    choleskySubstitute(l, d, col, x, y);
    for (let i = 0; i < d; i++) inv[i * d + c] = x[i]!;
  }
  return inv;
}

/** Relative cutoff of `pseudoInverseSolve`: eigenvalues ≤ this × the largest |eigenvalue| count as zero. */
export const PSEUDO_INVERSE_CUTOFF = 1e-12;

/**
 * Moore–Penrose solve x = A⁺ b for a symmetric A (row-major n×n) via its
 * Jacobi eigendecomposition; eigenvalues ≤ PSEUDO_INVERSE_CUTOFF × the
 * largest |eigenvalue| are treated as zero.
 */
export function pseudoInverseSolve(a: Float64Array, b: ArrayLike<number>, n: number): Float64Array {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotate(m, n, p, q, c, s, 1, n);
        rotate(m, 1, p, q, c, s, n, n);
        rotate(v, n, p, q, c, s, 1, n);
      }
    }
  }
  let maxEig = 0;
  for (let i = 0; i < n; i++) maxEig = Math.max(maxEig, Math.abs(m[i * n + i]!));
  const x = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    const lambda = m[e * n + e]!;
    if (Math.abs(lambda) <= PSEUDO_INVERSE_CUTOFF * maxEig) continue;
    let proj = 0;
    for (let k = 0; k < n; k++) proj += v[k * n + e]! * b[k]!;
    for (let k = 0; k < n; k++) x[k] = x[k]! + (v[k * n + e]! * proj) / lambda;
  }
  return x;
}

/**
 * One Jacobi rotation of `count` element pairs of `m`: the k-th pair is
 * (m[k·stride + p·step], m[k·stride + q·step]) ← (c·a − s·b, s·a + c·b).
 * Columns p, q of an n×n matrix: stride n, step 1; rows p, q: stride 1, step n.
 */
function rotate(
  m: Float64Array,
  stride: number,
  p: number,
  q: number,
  c: number,
  s: number,
  step: number,
  count: number,
): void {
  for (let k = 0; k < count; k++) {
    const ip = k * stride + p * step;
    const iq = k * stride + q * step;
    const a = m[ip]!;
    const b = m[iq]!;
    m[ip] = c * a - s * b;
    m[iq] = s * a + c * b;
  }
}

/**
 * Sample covariance matrix (divisor count − 1, two passes) of `count` rows of
 * n values each, stored row-major in `rows` (row k at k·n); written into `out`
 * (n×n) and returned. NaN when count < 2.
 */
export function covarianceMatrix(
  rows: ArrayLike<number>,
  count: number,
  n: number,
  out: Float64Array = new Float64Array(n * n),
): Float64Array {
  const mean = new Float64Array(n);
  for (let k = 0; k < count; k++) for (let i = 0; i < n; i++) mean[i] = mean[i]! + rows[k * n + i]!;
  for (let i = 0; i < n; i++) mean[i] = mean[i]! / count;
  out.fill(0);
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < n; i++) {
      const di = rows[k * n + i]! - mean[i]!;
      for (let j = 0; j <= i; j++)
        out[i * n + j] = out[i * n + j]! + di * (rows[k * n + j]! - mean[j]!);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const c = out[i * n + j]! / (count - 1);
      out[i * n + j] = c;
      out[j * n + i] = c;
    }
  }
  return out;
}

/** wᵀ A w for a row-major n×n A (zero weights skipped). */
export function quadraticForm(w: ArrayLike<number>, a: ArrayLike<number>, scale = 1): number {
  const n = w.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] === 0) continue;
    for (let j = 0; j < n; j++) s += w[i]! * a[i * n + j]! * w[j]!;
  }
  return s / scale;
}
