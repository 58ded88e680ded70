import type { Rng } from "../../core/rng.js";
import { baumWelch, columnMoments, initialParams } from "./baum-welch.js";
import { SingularCovarianceError } from "./emission.js";
import {
  type CovarianceType,
  freeParameterCount,
  type GaussianHmmParams,
  type Observations,
  orderStatesByVolatility,
} from "./model.js";

export interface FitHmmOptions {
  readonly nStates: number;
  readonly covarianceType?: CovarianceType;
  /** Independent k-means++ initialisations; the best log-likelihood wins. Default 5. */
  readonly restarts?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
  /** Variance floor as a fraction of each dimension's sample variance. Default 1e-3. */
  readonly minCovarFraction?: number;
}

export interface FittedHmm {
  /** Parameters with states ordered by volatility (state 0 = calmest). */
  readonly params: GaussianHmmParams;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Log-likelihood reached by every restart, in order. */
  readonly restartLogLikelihoods: readonly number[];
  readonly aic: number;
  readonly bic: number;
  readonly nObservations: number;
}

export type HmmInputProblem =
  | { kind: "too_few_observations"; n: number; nStates: number }
  | { kind: "non_finite"; index: number }
  | { kind: "zero_variance"; dimension: number };

/** Bad observations for a fit; the stage turns it into a UserError with the spec path. */
export class HmmInputError extends Error {
  constructor(readonly problem: HmmInputProblem) {
    super(`invalid HMM input: ${problem.kind}`);
    this.name = "HmmInputError";
  }
}

/** Checks observations before fitting: finite, enough rows, non-zero variance. */
export function checkObservations(obs: Observations, nStates: number): void {
  for (let i = 0; i < obs.values.length; i++) {
    if (!Number.isFinite(obs.values[i]!)) {
      throw new HmmInputError({ kind: "non_finite", index: Math.floor(i / obs.dim) });
    }
  }
  // Each state needs observations to estimate its mean and covariance.
  if (obs.n < Math.max(2, nStates * 2)) {
    throw new HmmInputError({ kind: "too_few_observations", n: obs.n, nStates });
  }
  const { variance } = columnMoments(obs);
  for (let j = 0; j < obs.dim; j++) {
    if (!(variance[j]! > 0)) throw new HmmInputError({ kind: "zero_variance", dimension: j });
  }
}

/**
 * Fits a Gaussian HMM by Baum–Welch from several k-means++ starts and keeps
 * the best log-likelihood. States come out ordered by volatility.
 */
export function fitGaussianHmm(obs: Observations, options: FitHmmOptions, rng: Rng): FittedHmm {
  const k = options.nStates;
  const covarianceType = options.covarianceType ?? "diag";
  const restarts = Math.max(1, options.restarts ?? 5);
  checkObservations(obs, k);
  const { variance } = columnMoments(obs);
  const minCovar = variance.map((v) => v * (options.minCovarFraction ?? 1e-3));
  let best: {
    params: GaussianHmmParams;
    ll: number;
    iterations: number;
    converged: boolean;
  } | null = null;
  const lls: number[] = [];
  for (let r = 0; r < restarts; r++) {
    const init = initialParams(obs, k, covarianceType, minCovar, rng.fork(`restart-${r}`));
    let result: ReturnType<typeof baumWelch>;
    try {
      result = baumWelch(obs, init, {
        maxIterations: options.maxIterations ?? 200,
        tolerance: options.tolerance ?? 1e-4,
        minCovar,
      });
    } catch (error) {
      if (error instanceof SingularCovarianceError) {
        lls.push(Number.NEGATIVE_INFINITY);
        continue;
      }
      throw error;
    }
    lls.push(result.logLikelihood);
    if (best === null || result.logLikelihood > best.ll) {
      best = {
        params: result.params,
        ll: result.logLikelihood,
        iterations: result.iterations,
        converged: result.converged,
      };
    }
  }
  if (best === null) throw new HmmInputError({ kind: "zero_variance", dimension: 0 });
  const p = freeParameterCount(k, obs.dim, covarianceType);
  return {
    params: orderStatesByVolatility(best.params),
    logLikelihood: best.ll,
    iterations: best.iterations,
    converged: best.converged,
    restartLogLikelihoods: lls,
    aic: -2 * best.ll + 2 * p,
    bic: -2 * best.ll + p * Math.log(obs.n),
    nObservations: obs.n,
  };
}

export type SelectionCriterion = "aic" | "bic";

export interface StateSelection {
  readonly best: FittedHmm;
  readonly criterion: SelectionCriterion;
  /** Every candidate with its score, in the order tried. */
  readonly candidates: readonly {
    nStates: number;
    aic: number;
    bic: number;
    logLikelihood: number;
  }[];
}

/** Fits every candidate number of states and keeps the lowest AIC or BIC. */
export function selectStateCount(
  obs: Observations,
  candidates: readonly number[],
  options: Omit<FitHmmOptions, "nStates">,
  criterion: SelectionCriterion,
  rng: Rng,
): StateSelection {
  let best: FittedHmm | null = null;
  const scored: { nStates: number; aic: number; bic: number; logLikelihood: number }[] = [];
  for (const k of candidates) {
    const fit = fitGaussianHmm(obs, { ...options, nStates: k }, rng.fork(`states-${k}`));
    scored.push({ nStates: k, aic: fit.aic, bic: fit.bic, logLikelihood: fit.logLikelihood });
    if (best === null || fit[criterion] < best[criterion]) best = fit;
  }
  if (best === null) throw new Error("selectStateCount needs at least one candidate");
  return { best, criterion, candidates: scored };
}
