/**
 * Asset-return covariance estimators over closes visible at bar t (data ≤ t).
 * The EWMA one is incremental with plain-JSON state; the realized one is
 * runtime/stats/linear-algebra's sample covariance matrix.
 */
import { covarianceMatrix, quadraticForm } from "../../stats/linear-algebra.js";

export { quadraticForm };

/** Bias-corrected (pandas `adjust=True`) zero-mean EWMA covariance state. */
export interface EwmaCovState {
  /** Last bar whose return is included (-1 = none). */
  bar: number;
  /** Σ λ^k (1-λ) r rᵀ terms (m×m, row-major) and the matching weight sum. */
  sum: number[];
  weight: number;
  count: number;
}

export function emptyEwmaCov(m: number): EwmaCovState {
  return { bar: -1, sum: new Array<number>(m * m).fill(0), weight: 0, count: 0 };
}

function addReturn(
  closes: readonly Float64Array[],
  t: number,
  lambda: number,
  s: EwmaCovState,
  r: Float64Array,
): void {
  const m = closes.length;
  const sum = s.sum;
  for (let i = 0; i < m; i++) r[i] = closes[i]![t]! / closes[i]![t - 1]! - 1;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      sum[i * m + j] = sum[i * m + j]! * lambda + (1 - lambda) * r[i]! * r[j]!;
    }
  }
  s.weight = s.weight * lambda + (1 - lambda);
  s.count += 1;
}

/**
 * Advances the EWMA state in place to include the returns up to `bar`; when
 * it does not follow on (first call, or a gap), it is rebuilt from bar 1.
 */
export function updateEwmaCov(
  state: EwmaCovState,
  closes: readonly Float64Array[],
  bar: number,
  lambda: number,
  scratch: Float64Array,
): EwmaCovState {
  if (state.bar === bar) return state;
  if (!(state.bar >= 0 && state.bar < bar)) {
    const fresh = emptyEwmaCov(closes.length);
    state.bar = fresh.bar;
    state.sum = fresh.sum;
    state.weight = 0;
    state.count = 0;
  }
  for (let t = Math.max(1, state.bar + 1); t <= bar; t++)
    addReturn(closes, t, lambda, state, scratch);
  state.bar = bar;
  return state;
}

/** wᵀ Σ w with Σ = sum / weight (the EWMA covariance); 0 before any return. */
export function ewmaQuadraticForm(w: Float64Array, s: EwmaCovState): number {
  return s.weight > 0 ? quadraticForm(w, s.sum, s.weight) : 0;
}

/** Sample covariance (n-1) of the simple returns over the last `window` bars ending at `bar`. */
export function realizedCovariance(
  closes: readonly Float64Array[],
  bar: number,
  window: number,
): Float64Array | null {
  const m = closes.length;
  const start = bar - window + 1;
  if (start < 1 || window < 2) return null;
  const r = new Float64Array(window * m);
  for (let k = 0; k < window; k++) {
    const t = start + k;
    for (let i = 0; i < m; i++) r[k * m + i] = closes[i]![t]! / closes[i]![t - 1]! - 1;
  }
  return covarianceMatrix(r, window, m);
}
