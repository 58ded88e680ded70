import type { Rng } from "../../core/rng.js";
import { logEmissionMatrix } from "./emission.js";
import { createForwardBackwardWorkspace, forwardBackwardFromLogB } from "./forward-backward.js";
import { kmeans } from "./kmeans.js";
import { cholesky } from "../../stats/linear-algebra.js";
import type { CovarianceType, GaussianHmmParams, Observations } from "./model.js";

export interface BaumWelchOptions {
  readonly maxIterations: number;
  /** Stop when the log-likelihood improves by less than this. */
  readonly tolerance: number;
  /**
   * Variance floor per dimension: diagonal variances are clamped to at least
   * this; a full covariance that is not positive definite gets it added to its
   * diagonal. (Clamping instead of always adding keeps EM monotone.)
   */
  readonly minCovar: Float64Array;
}

export interface BaumWelchResult {
  readonly params: GaussianHmmParams;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Per-dimension mean and variance of the observations. */
export function columnMoments(obs: Observations): { mean: Float64Array; variance: Float64Array } {
  const { n, dim: d, values: x } = obs;
  const mean = new Float64Array(d);
  const variance = new Float64Array(d);
  for (let t = 0; t < n; t++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + x[t * d + j]!;
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < d; j++) {
      const z = x[t * d + j]! - mean[j]!;
      variance[j] = variance[j]! + z * z;
    }
  }
  for (let j = 0; j < d; j++) variance[j] = variance[j]! / n;
  return { mean, variance };
}

/**
 * Initial parameters from k-means++ clustering: cluster centroids as means,
 * cluster covariances (global ones for clusters too small), a sticky random
 * transition matrix and a uniform start distribution.
 */
export function initialParams(
  obs: Observations,
  nStates: number,
  covarianceType: CovarianceType,
  minCovar: Float64Array,
  rng: Rng,
): GaussianHmmParams {
  const k = nStates;
  const { n, dim: d, values: x } = obs;
  const km = kmeans(obs, k, rng);
  const global = columnMoments(obs).variance;
  const cs = covarianceType === "diag" ? d : d * d;
  const covars = new Float64Array(k * cs);
  const counts = new Float64Array(k);
  const sums = new Float64Array(k * cs);
  for (let t = 0; t < n; t++) {
    const c = km.assignment[t]!;
    counts[c] = counts[c]! + 1;
    for (let i = 0; i < d; i++) {
      const zi = x[t * d + i]! - km.centroids[c * d + i]!;
      if (covarianceType === "diag") sums[c * d + i] = sums[c * d + i]! + zi * zi;
      else {
        for (let j = 0; j < d; j++) {
          const zj = x[t * d + j]! - km.centroids[c * d + j]!;
          sums[c * cs + i * d + j] = sums[c * cs + i * d + j]! + zi * zj;
        }
      }
    }
  }
  for (let c = 0; c < k; c++) {
    const enough = counts[c]! > d + 1;
    for (let i = 0; i < d; i++) {
      if (covarianceType === "diag") {
        covars[c * d + i] = (enough ? sums[c * d + i]! / counts[c]! : global[i]!) + minCovar[i]!;
      } else {
        for (let j = 0; j < d; j++) {
          const v = enough ? sums[c * cs + i * d + j]! / counts[c]! : i === j ? global[i]! : 0;
          covars[c * cs + i * d + j] = v + (i === j ? minCovar[i]! : 0);
        }
      }
    }
  }
  const transmat = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    if (k === 1) {
      transmat[0] = 1;
      break;
    }
    const stay = 0.85 + 0.1 * rng.next();
    let rest = 0;
    const w = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      if (j !== i) {
        w[j] = 0.5 + rng.next();
        rest += w[j]!;
      }
    }
    for (let j = 0; j < k; j++) transmat[i * k + j] = j === i ? stay : ((1 - stay) * w[j]!) / rest;
  }
  return {
    nStates: k,
    dim: d,
    covarianceType,
    startProb: new Float64Array(k).fill(1 / k),
    transmat,
    means: km.centroids,
    covars,
  };
}

/** One M-step from the posteriors: new π, A, means and covariances. */
function maximize(
  obs: Observations,
  prev: GaussianHmmParams,
  gamma: Float64Array,
  xiCounts: Float64Array,
  minCovar: Float64Array,
): GaussianHmmParams {
  const k = prev.nStates;
  const { n, dim: d, values: x } = obs;
  const cov = prev.covarianceType;
  const cs = cov === "diag" ? d : d * d;
  const startProb = Float64Array.from(gamma.subarray(0, k));
  const transmat = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    let row = 0;
    for (let j = 0; j < k; j++) row += xiCounts[i * k + j]!;
    for (let j = 0; j < k; j++) {
      transmat[i * k + j] = row > 0 ? xiCounts[i * k + j]! / row : prev.transmat[i * k + j]!;
    }
  }
  const weight = new Float64Array(k);
  const means = new Float64Array(k * d);
  for (let t = 0; t < n; t++) {
    for (let s = 0; s < k; s++) {
      const g = gamma[t * k + s]!;
      weight[s] = weight[s]! + g;
      for (let j = 0; j < d; j++) means[s * d + j] = means[s * d + j]! + g * x[t * d + j]!;
    }
  }
  const covars = new Float64Array(k * cs);
  const degenerate = new Uint8Array(k);
  for (let s = 0; s < k; s++) {
    if (weight[s]! < 1e-10) {
      degenerate[s] = 1;
      means.set(prev.means.subarray(s * d, s * d + d), s * d);
    } else for (let j = 0; j < d; j++) means[s * d + j] = means[s * d + j]! / weight[s]!;
  }
  for (let t = 0; t < n; t++) {
    for (let s = 0; s < k; s++) {
      if (degenerate[s]) continue;
      const g = gamma[t * k + s]!;
      for (let i = 0; i < d; i++) {
        const zi = x[t * d + i]! - means[s * d + i]!;
        if (cov === "diag") covars[s * d + i] = covars[s * d + i]! + g * zi * zi;
        else {
          for (let j = 0; j <= i; j++) {
            const zj = x[t * d + j]! - means[s * d + j]!;
            covars[s * cs + i * d + j] = covars[s * cs + i * d + j]! + g * zi * zj;
          }
        }
      }
    }
  }
  const chol = new Float64Array(d * d);
  for (let s = 0; s < k; s++) {
    if (degenerate[s]) {
      covars.set(prev.covars.subarray(s * cs, s * cs + cs), s * cs);
      continue;
    }
    for (let i = 0; i < d; i++) {
      if (cov === "diag") {
        covars[s * d + i] = Math.max(covars[s * d + i]! / weight[s]!, minCovar[i]!);
      } else {
        for (let j = 0; j <= i; j++) {
          const v = covars[s * cs + i * d + j]! / weight[s]!;
          covars[s * cs + i * d + j] = v;
          covars[s * cs + j * d + i] = v;
        }
      }
    }
    if (cov === "full") {
      let ok = cholesky(covars, d, chol, s * cs, 0);
      for (let i = 0; i < d && ok; i++) ok = covars[s * cs + i * d + i]! >= minCovar[i]!;
      if (!ok) {
        for (let i = 0; i < d; i++) {
          covars[s * cs + i * d + i] = covars[s * cs + i * d + i]! + minCovar[i]!;
        }
      }
    }
  }
  return { ...prev, startProb, transmat, means, covars };
}

/** Expectation–maximisation from `init` until the log-likelihood stops improving. */
export function baumWelch(
  obs: Observations,
  init: GaussianHmmParams,
  options: BaumWelchOptions,
): BaumWelchResult {
  let params = init;
  const ws = createForwardBackwardWorkspace(obs.n, init.nStates);
  const logB = new Float64Array(obs.n * init.nStates);
  let previous = Number.NEGATIVE_INFINITY;
  let current = Number.NEGATIVE_INFINITY;
  let fitted = init;
  for (let iter = 1; iter <= options.maxIterations; iter++) {
    const post = forwardBackwardFromLogB(params, logEmissionMatrix(params, obs, logB), ws);
    current = post.logLikelihood;
    fitted = params;
    if (iter > 1 && current - previous < options.tolerance) {
      return { params: fitted, logLikelihood: current, iterations: iter, converged: true };
    }
    previous = current;
    params = maximize(obs, params, post.smoothed, post.transitionCounts, options.minCovar);
  }
  // Score the last M-step's parameters so the returned likelihood matches them.
  const post = forwardBackwardFromLogB(params, logEmissionMatrix(params, obs, logB), ws);
  const converged = post.logLikelihood - previous < options.tolerance;
  return {
    params,
    logLikelihood: post.logLikelihood,
    iterations: options.maxIterations,
    converged,
  };
}
