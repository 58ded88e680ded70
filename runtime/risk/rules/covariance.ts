/**
 * Asset-return covariance estimators over closes visible at bar t (data ≤ t).
 * The EWMA one is incremental with plain-JSON state.
 */

/** Bias-corrected (pandas `adjust=True`) zero-mean EWMA covariance state. */
export interface EwmaCovState {
  /** Last bar whose return is included. */
  readonly bar: number;
  /** Σ λ^k r rᵀ terms (m×m, row-major) and the matching weight sum. */
  readonly sum: readonly number[];
  readonly weight: number;
  readonly count: number;
}

function addReturn(
  closes: readonly Float64Array[],
  t: number,
  lambda: number,
  sum: Float64Array,
  acc: { weight: number; count: number },
): void {
  const m = closes.length;
  const r = new Float64Array(m);
  for (let i = 0; i < m; i++) r[i] = closes[i]![t]! / closes[i]![t - 1]! - 1;
  for (let i = 0; i < m * m; i++) sum[i] = sum[i]! * lambda;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) sum[i * m + j] = sum[i * m + j]! + (1 - lambda) * r[i]! * r[j]!;
  }
  acc.weight = acc.weight * lambda + (1 - lambda);
  acc.count += 1;
}

/** Advances the EWMA state to include returns up to `bar` (rebuilding from bar 1 if it does not follow on). */
export function updateEwmaCov(
  state: EwmaCovState | null,
  closes: readonly Float64Array[],
  bar: number,
  lambda: number,
): EwmaCovState {
  const m = closes.length;
  if (state && state.bar === bar) return state;
  const follows = state !== null && state.bar < bar && state.bar >= 0;
  const sum = follows ? Float64Array.from(state.sum) : new Float64Array(m * m);
  const acc = follows ? { weight: state.weight, count: state.count } : { weight: 0, count: 0 };
  for (let t = follows ? state.bar + 1 : 1; t <= bar; t++) addReturn(closes, t, lambda, sum, acc);
  return { bar, sum: Array.from(sum), weight: acc.weight, count: acc.count };
}

export function ewmaCovariance(state: EwmaCovState): Float64Array {
  return Float64Array.from(state.sum, (v) => (state.weight > 0 ? v / state.weight : 0));
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
  const mean = new Float64Array(m);
  for (let k = 0; k < window; k++) {
    const t = start + k;
    for (let i = 0; i < m; i++) {
      const v = closes[i]![t]! / closes[i]![t - 1]! - 1;
      r[k * m + i] = v;
      mean[i] = mean[i]! + v / window;
    }
  }
  const cov = new Float64Array(m * m);
  for (let k = 0; k < window; k++) {
    for (let i = 0; i < m; i++) {
      const zi = r[k * m + i]! - mean[i]!;
      for (let j = 0; j < m; j++)
        cov[i * m + j] = cov[i * m + j]! + (zi * (r[k * m + j]! - mean[j]!)) / (window - 1);
    }
  }
  return cov;
}

/** wᵀ Σ w. */
export function quadraticForm(w: Float64Array, cov: Float64Array): number {
  const m = w.length;
  let s = 0;
  for (let i = 0; i < m; i++) {
    if (w[i] === 0) continue;
    for (let j = 0; j < m; j++) s += w[i]! * cov[i * m + j]! * w[j]!;
  }
  return s;
}
