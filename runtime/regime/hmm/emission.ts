import { cholesky, logDetFromCholesky, mahalanobisSquared } from "../../stats/linear-algebra.js";
import type { GaussianHmmParams, Observations } from "./model.js";

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Precomputed per-state quantities for evaluating Gaussian log densities
 * quickly: inverse variances (diag) or Cholesky factors (full).
 */
export interface EmissionModel {
  readonly nStates: number;
  readonly dim: number;
  /** Log density of observation row `x` (length d) under every state, into `out` (length K). */
  logDensities(x: Float64Array, out: Float64Array): void;
}

export class SingularCovarianceError extends Error {
  constructor(readonly state: number) {
    super(`covariance of state ${state} is not positive definite`);
    this.name = "SingularCovarianceError";
  }
}

/** Inverse variances (K×d) and log-density constants (K) of diagonal Gaussians. */
function diagonalTerms(params: GaussianHmmParams): {
  invVar: Float64Array;
  constant: Float64Array;
} {
  const k = params.nStates;
  const d = params.dim;
  const invVar = new Float64Array(k * d);
  const constant = new Float64Array(k);
  for (let s = 0; s < k; s++) {
    let logDet = 0;
    for (let j = 0; j < d; j++) {
      const v = params.covars[s * d + j]!;
      if (!(v > 0)) throw new SingularCovarianceError(s);
      invVar[s * d + j] = 1 / v;
      logDet += Math.log(v);
    }
    constant[s] = -0.5 * (d * LOG_2PI + logDet);
  }
  return { invVar, constant };
}

export function createEmissionModel(params: GaussianHmmParams): EmissionModel {
  const k = params.nStates;
  const d = params.dim;
  const means = params.means;
  if (params.covarianceType === "diag") {
    const { invVar, constant } = diagonalTerms(params);
    return {
      nStates: k,
      dim: d,
      logDensities(x, out) {
        for (let s = 0; s < k; s++) {
          let q = 0;
          for (let j = 0; j < d; j++) {
            const z = x[j]! - means[s * d + j]!;
            q += z * z * invVar[s * d + j]!;
          }
          out[s] = constant[s]! - 0.5 * q;
        }
      },
    };
  }
  const chol = new Float64Array(k * d * d);
  const constant = new Float64Array(k);
  for (let s = 0; s < k; s++) {
    if (!cholesky(params.covars, d, chol, s * d * d, s * d * d)) {
      throw new SingularCovarianceError(s);
    }
    constant[s] = -0.5 * (d * LOG_2PI + logDetFromCholesky(chol, d, s * d * d));
  }
  const diff = new Float64Array(d);
  const work = new Float64Array(d);
  return {
    nStates: k,
    dim: d,
    logDensities(x, out) {
      for (let s = 0; s < k; s++) {
        for (let j = 0; j < d; j++) diff[j] = x[j]! - means[s * d + j]!;
        out[s] = constant[s]! - 0.5 * mahalanobisSquared(chol, d, diff, work, s * d * d);
      }
    },
  };
}

/** n×K matrix of log densities log p(x_t | s_t = k). */
export function logEmissionMatrix(
  params: GaussianHmmParams,
  obs: Observations,
  into?: Float64Array,
): Float64Array {
  const k = params.nStates;
  const d = obs.dim;
  const out = into ?? new Float64Array(obs.n * k);
  if (params.covarianceType === "diag") {
    // Same arithmetic as createEmissionModel's diagonal densities, without per-row views.
    const means = params.means;
    const { invVar, constant } = diagonalTerms(params);
    const x = obs.values;
    for (let t = 0; t < obs.n; t++) {
      for (let s = 0; s < k; s++) {
        let q = 0;
        for (let j = 0; j < d; j++) {
          const z = x[t * d + j]! - means[s * d + j]!;
          q += z * z * invVar[s * d + j]!;
        }
        out[t * k + s] = constant[s]! - 0.5 * q;
      }
    }
    return out;
  }
  const model = createEmissionModel(params);
  for (let t = 0; t < obs.n; t++) {
    model.logDensities(obs.values.subarray(t * d, t * d + d), out.subarray(t * k, t * k + k));
  }
  return out;
}
