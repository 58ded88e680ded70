/**
 * Gaussian hidden Markov model parameters. Observations are an n×d row-major
 * Float64Array; state k emits N(means[k], Σ_k) with Σ_k diagonal
 * (`covars[k*d + j]` = variance of dimension j) or full (`covars[k*d*d + …]`).
 */
export type CovarianceType = "diag" | "full";

export interface GaussianHmmParams {
  readonly nStates: number;
  readonly dim: number;
  readonly covarianceType: CovarianceType;
  /** π, length K. */
  readonly startProb: Float64Array;
  /** A, K×K row-major: transmat[i*K + j] = P(s_{t+1}=j | s_t=i). */
  readonly transmat: Float64Array;
  /** K×d row-major. */
  readonly means: Float64Array;
  /** diag: K×d variances; full: K×d×d covariance matrices. */
  readonly covars: Float64Array;
}

/** Observations as a row-major matrix. */
export interface Observations {
  readonly n: number;
  readonly dim: number;
  readonly values: Float64Array;
}

export function observations(values: Float64Array, dim = 1): Observations {
  if (values.length % dim !== 0) throw new Error("observation length is not a multiple of dim");
  return { n: values.length / dim, dim, values };
}

/** Number of free parameters (for AIC/BIC). */
export function freeParameterCount(
  nStates: number,
  dim: number,
  covarianceType: CovarianceType,
): number {
  const k = nStates;
  const cov = covarianceType === "diag" ? k * dim : (k * dim * (dim + 1)) / 2;
  return k - 1 + k * (k - 1) + k * dim + cov;
}

/** Per-state variance of the emission in dimension j. */
export function stateVariance(params: GaussianHmmParams, k: number, j: number): number {
  const d = params.dim;
  return params.covarianceType === "diag"
    ? params.covars[k * d + j]!
    : params.covars[k * d * d + j * d + j]!;
}

/** Overall volatility of a state: sqrt of the mean of its per-dimension variances. */
export function stateVolatility(params: GaussianHmmParams, k: number): number {
  let s = 0;
  for (let j = 0; j < params.dim; j++) s += stateVariance(params, k, j);
  return Math.sqrt(s / params.dim);
}

/** Relabels states so that state 0 has the lowest volatility (labels stable between fits). */
export function orderStatesByVolatility(params: GaussianHmmParams): GaussianHmmParams {
  const k = params.nStates;
  const order = Array.from({ length: k }, (_, i) => i).sort(
    (a, b) => stateVolatility(params, a) - stateVolatility(params, b) || a - b,
  );
  return permuteStates(params, order);
}

/** New params whose state i is the old state order[i]. */
export function permuteStates(
  params: GaussianHmmParams,
  order: readonly number[],
): GaussianHmmParams {
  const k = params.nStates;
  const d = params.dim;
  const cs = params.covarianceType === "diag" ? d : d * d;
  const startProb = new Float64Array(k);
  const transmat = new Float64Array(k * k);
  const means = new Float64Array(k * d);
  const covars = new Float64Array(k * cs);
  for (let i = 0; i < k; i++) {
    const oi = order[i]!;
    startProb[i] = params.startProb[oi]!;
    for (let j = 0; j < k; j++) transmat[i * k + j] = params.transmat[oi * k + order[j]!]!;
    means.set(params.means.subarray(oi * d, oi * d + d), i * d);
    covars.set(params.covars.subarray(oi * cs, oi * cs + cs), i * cs);
  }
  return { ...params, startProb, transmat, means, covars };
}

/** Plain-JSON view of the parameters (for regime.json and the server). */
export interface GaussianHmmJson {
  nStates: number;
  dim: number;
  covarianceType: CovarianceType;
  startProb: number[];
  transmat: number[][];
  means: number[][];
  covars: number[][] | number[][][];
}

export function hmmToJson(p: GaussianHmmParams): GaussianHmmJson {
  const k = p.nStates;
  const d = p.dim;
  const rows = (a: Float64Array, width: number, count: number): number[][] =>
    Array.from({ length: count }, (_, i) => Array.from(a.subarray(i * width, i * width + width)));
  const covars =
    p.covarianceType === "diag"
      ? rows(p.covars, d, k)
      : Array.from({ length: k }, (_, s) =>
          rows(p.covars.subarray(s * d * d, (s + 1) * d * d), d, d),
        );
  return {
    nStates: k,
    dim: d,
    covarianceType: p.covarianceType,
    startProb: Array.from(p.startProb),
    transmat: rows(p.transmat, k, k),
    means: rows(p.means, d, k),
    covars,
  };
}

export function hmmFromJson(j: GaussianHmmJson): GaussianHmmParams {
  const flat = (a: unknown): number[] => (Array.isArray(a) ? a.flatMap(flat) : [a as number]);
  return {
    nStates: j.nStates,
    dim: j.dim,
    covarianceType: j.covarianceType,
    startProb: Float64Array.from(j.startProb),
    transmat: Float64Array.from(flat(j.transmat)),
    means: Float64Array.from(flat(j.means)),
    covars: Float64Array.from(flat(j.covars)),
  };
}
