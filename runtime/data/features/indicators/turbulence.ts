import { replayPanelIndicator } from "../incremental-helpers.js";
import { windowOf } from "../expr-helpers.js";
import type { FeatureSpec, PanelFeatureDefinition } from "../feature-types.js";
import { choleskySolve, pseudoInverseSolve } from "./linear-algebra.js";

const DEFAULT_WINDOW = 252;

/**
 * FinRL's turbulence index at bar t: with y_t the vector of the symbols'
 * simple returns at t and μ, Σ the mean and sample covariance of the returns
 * of the `window` bars before t, turbulence = (y_t − μ)ᵀ Σ⁺ (y_t − μ) (the
 * Mahalanobis distance; Σ⁺ the pseudo-inverse when Σ is singular). The same
 * value for every symbol. Unlike FinRL, the first values are not zeroed.
 * NaN until `window` returns precede t, or when any return in play is NaN.
 */
export function turbulenceAt(history: readonly Float64Array[], current: Float64Array): number {
  const n = current.length;
  const w = history.length;
  const mean = new Float64Array(n);
  for (const r of history) for (let i = 0; i < n; i++) mean[i] = mean[i]! + r[i]! / w;
  const cov = new Float64Array(n * n);
  for (const r of history) {
    for (let i = 0; i < n; i++) {
      const di = r[i]! - mean[i]!;
      for (let j = 0; j <= i; j++) cov[i * n + j] = cov[i * n + j]! + di * (r[j]! - mean[j]!);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const c = cov[i * n + j]! / (w - 1);
      cov[i * n + j] = c;
      cov[j * n + i] = c;
    }
  }
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = current[i]! - mean[i]!;
  if (d.some((x) => Number.isNaN(x)) || cov.some((x) => Number.isNaN(x))) return Number.NaN;
  const x = choleskySolve(cov, d, n) ?? pseudoInverseSolve(cov, d, n);
  let q = 0;
  for (let i = 0; i < n; i++) q += d[i]! * x[i]!;
  return q;
}

function returnsAt(closes: Float64Array, prevCloses: Float64Array): Float64Array {
  return closes.map((c, i) => c / prevCloses[i]! - 1);
}

export const turbulenceFeature: PanelFeatureDefinition = {
  kind: "panel",
  type: "turbulence",
  outputs: () => [""],
  defaultName: (spec: FeatureSpec) => `turbulence_${windowOf(spec, DEFAULT_WINDOW)}`,
  compute(spec, close, symbols) {
    return [replayPanelIndicator(this.incremental(spec, symbols), close)];
  },
  incremental(spec, symbols) {
    const window = windowOf(spec, DEFAULT_WINDOW);
    const history: Float64Array[] = [];
    let prevCloses: Float64Array | undefined;
    return {
      update(closes) {
        const S = symbols.length;
        let value = Number.NaN;
        if (prevCloses) {
          const r = returnsAt(closes, prevCloses);
          if (history.length === window) value = turbulenceAt(history, r);
          history.push(r);
          if (history.length > window) history.shift();
        }
        prevCloses = Float64Array.from(closes);
        return [new Float64Array(S).fill(value)];
      },
    };
  },
};
