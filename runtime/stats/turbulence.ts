/**
 * The turbulence index of Kritzman & Li (2010), "Skulls, Financial
 * Turbulence, and Risk Management" (as FinRL uses it): at bar t, with y_t the
 * cross-section of the assets' simple returns and μ, Σ the mean and sample
 * covariance (divisor count − 1) of the returns of the bars before t,
 *
 *     d_t = (y_t − μ)ᵀ Σ⁺ (y_t − μ)
 *
 * — the squared Mahalanobis distance of today's returns from their recent
 * behaviour. The history is the last `window` returns before t (or all of
 * them, `window: Infinity`); a value is given once `minHistory` returns
 * (default `window`) precede t. Uses data ≤ t only. NaN before that, and
 * while a NaN return is in play (in y_t or in the history).
 *
 * Singular-matrix policy (one for every caller): Σ⁺ is the Moore–Penrose
 * pseudo-inverse, as FinRL's `np.linalg.pinv`: eigenvalues ≤ 1e-12 × the
 * largest count as zero, so directions in which the assets never moved (a
 * constant asset, two identical assets, fewer returns than assets) add
 * nothing instead of exploding. It is computed by Cholesky when Σ is
 * numerically positive definite (every pivot > 1e-12 × the largest variance)
 * — then Σ⁺ = Σ⁻¹ — and by the eigendecomposition otherwise.
 *
 * The mean and covariance are updated per bar (Welford's running co-moments,
 * adding the newest return and removing the one that leaves the window), so
 * a bar costs O(m²) plus one m×m Cholesky solve.
 */
import {
  choleskySolve,
  PSEUDO_INVERSE_CUTOFF,
  pseudoInverseSolve,
  relativePivot,
} from "./linear-algebra.js";

export interface TurbulenceOptions {
  /** Most past returns the mean and covariance use; Infinity = all of them (expanding). */
  readonly window: number;
  /** Past returns needed before a value is given; default `window` (must be finite then). */
  readonly minHistory?: number;
}

/** (y − μ)ᵀ Σ⁺ (y − μ) for a covariance Σ (row-major m×m) and deviation y − μ (the policy above). */
export function mahalanobisDistance(cov: Float64Array, deviation: Float64Array, m: number): number {
  const x =
    choleskySolve(cov, deviation, m, relativePivot(cov, m, PSEUDO_INVERSE_CUTOFF)) ??
    pseudoInverseSolve(cov, deviation, m);
  let q = 0;
  for (let i = 0; i < m; i++) q += deviation[i]! * x[i]!;
  return q;
}

/** Streaming turbulence: `push` each bar's cross-section of returns in time order. */
export class TurbulenceTracker {
  private readonly m: number;
  private readonly window: number;
  private readonly minHistory: number;
  /** Finite rows in the co-moments. */
  private count = 0;
  private readonly mean: Float64Array;
  /** Σ (x − μ)(x − μ)ᵀ over the finite rows, lower triangle. */
  private readonly comoment: Float64Array;
  /** The rows in the window, a ring starting at `head` (kept for a finite window only). */
  private readonly ring: Float64Array;
  private head = 0;
  /** Rows in the history (the window, or every row seen when expanding). */
  private size = 0;
  private nanRows = 0;
  private readonly cov: Float64Array;
  private readonly deviation: Float64Array;
  private readonly delta: Float64Array;

  constructor(assets: number, options: TurbulenceOptions) {
    this.m = assets;
    this.window = options.window;
    this.minHistory = options.minHistory ?? options.window;
    this.mean = new Float64Array(assets);
    this.comoment = new Float64Array(assets * assets);
    this.cov = new Float64Array(assets * assets);
    this.deviation = new Float64Array(assets);
    this.delta = new Float64Array(assets);
    this.ring = new Float64Array(Number.isFinite(options.window) ? options.window * assets : 0);
  }

  /** Turbulence of `returns` against the history before it (NaN while not defined); then adds it to the history. */
  push(returns: ArrayLike<number>): number {
    const value = this.value(returns);
    const m = this.m;
    if (this.size === this.window) {
      const old = this.ring.subarray(this.head * m, this.head * m + m);
      if (isFiniteRow(old, m)) this.update(old, -1);
      else this.nanRows--;
      this.head = (this.head + 1) % this.window;
      this.size--;
    }
    if (isFiniteRow(returns, m)) this.update(returns, 1);
    else this.nanRows++;
    if (Number.isFinite(this.window)) {
      const slot = ((this.head + this.size) % this.window) * m;
      for (let i = 0; i < m; i++) this.ring[slot + i] = returns[i]!;
    }
    this.size++;
    return value;
  }

  private value(returns: ArrayLike<number>): number {
    const m = this.m;
    if (this.size < this.minHistory || this.size < 2 || this.nanRows > 0) return Number.NaN;
    if (!isFiniteRow(returns, m)) return Number.NaN;
    const { cov, comoment, deviation } = this;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j <= i; j++) {
        const c = comoment[i * m + j]! / (this.count - 1);
        cov[i * m + j] = c;
        cov[j * m + i] = c;
      }
      deviation[i] = returns[i]! - this.mean[i]!;
    }
    return mahalanobisDistance(cov, deviation, m);
  }

  /** Welford: adds (sign 1) or removes (sign −1) one finite row. */
  private update(x: ArrayLike<number>, sign: 1 | -1): void {
    const m = this.m;
    const { mean, comoment, delta } = this;
    this.count += sign;
    if (this.count === 0) {
      mean.fill(0);
      comoment.fill(0);
      return;
    }
    for (let i = 0; i < m; i++) {
      delta[i] = x[i]! - mean[i]!;
      mean[i] = mean[i]! + (sign * delta[i]!) / this.count;
    }
    for (let i = 0; i < m; i++) {
      const di = delta[i]!;
      for (let j = 0; j <= i; j++) {
        comoment[i * m + j] = comoment[i * m + j]! + sign * di * (x[j]! - mean[j]!);
      }
    }
  }
}

function isFiniteRow(row: ArrayLike<number>, m: number): boolean {
  for (let i = 0; i < m; i++) if (!Number.isFinite(row[i]!)) return false;
  return true;
}

/**
 * Turbulence per bar of the assets whose closes are `closes[asset][bar]`
 * (simple returns close[t] / close[t−1] − 1); NaN at bar 0 and until
 * `minHistory` returns precede the bar.
 */
export function turbulenceIndex(
  closes: readonly ArrayLike<number>[],
  options: TurbulenceOptions,
): Float64Array {
  const m = closes.length;
  const n = closes[0]?.length ?? 0;
  const out = new Float64Array(n).fill(Number.NaN);
  const tracker = new TurbulenceTracker(m, options);
  const row = new Float64Array(m);
  for (let t = 1; t < n; t++) {
    for (let i = 0; i < m; i++) row[i] = closes[i]![t]! / closes[i]![t - 1]! - 1;
    out[t] = tracker.push(row);
  }
  return out;
}
