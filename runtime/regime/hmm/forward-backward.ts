import { logEmissionMatrix } from "./emission.js";
import type { GaussianHmmParams, Observations } from "./model.js";

/**
 * One step of the scaled forward recursion: from the filtered distribution at
 * t-1 (`prev`, null at t = 0) and the log densities at t, writes the filtered
 * distribution P(s_t | x_0..t) into `out` and returns log p(x_t | x_0..t-1).
 * The batch filter and the streaming filter both call this function, so they
 * agree to the last bit.
 */
export function forwardStep(
  params: GaussianHmmParams,
  prev: Float64Array | null,
  logb: Float64Array,
  out: Float64Array,
): number {
  const k = params.nStates;
  const a = params.transmat;
  let m = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < k; j++) if (logb[j]! > m) m = logb[j]!;
  if (m === Number.NEGATIVE_INFINITY) {
    out.fill(1 / k);
    return Number.NEGATIVE_INFINITY;
  }
  let c = 0;
  for (let j = 0; j < k; j++) {
    let pred: number;
    if (prev === null) pred = params.startProb[j]!;
    else {
      pred = 0;
      for (let i = 0; i < k; i++) pred += prev[i]! * a[i * k + j]!;
    }
    const v = pred * Math.exp(logb[j]! - m);
    out[j] = v;
    c += v;
  }
  if (!(c > 0)) {
    out.fill(1 / k);
    return Number.NEGATIVE_INFINITY;
  }
  for (let j = 0; j < k; j++) out[j] = out[j]! / c;
  return Math.log(c) + m;
}

export interface ForwardResult {
  /** n×K filtered probabilities P(s_t | x_0..t). */
  readonly filtered: Float64Array;
  /** log p(x_0..n-1). */
  readonly logLikelihood: number;
}

/** Forward (filtering) pass over precomputed log densities (n×K). */
export function forwardFromLogB(params: GaussianHmmParams, logB: Float64Array): ForwardResult {
  const k = params.nStates;
  const n = logB.length / k;
  const filtered = new Float64Array(n * k);
  let ll = 0;
  for (let t = 0; t < n; t++) {
    const prev = t === 0 ? null : filtered.subarray((t - 1) * k, t * k);
    ll += forwardStep(
      params,
      prev,
      logB.subarray(t * k, t * k + k),
      filtered.subarray(t * k, t * k + k),
    );
  }
  return { filtered, logLikelihood: ll };
}

/** Filtered probabilities and log-likelihood of `obs`. Uses data up to t for row t. */
export function filter(params: GaussianHmmParams, obs: Observations): ForwardResult {
  return forwardFromLogB(params, logEmissionMatrix(params, obs));
}

export function logLikelihood(params: GaussianHmmParams, obs: Observations): number {
  return filter(params, obs).logLikelihood;
}

export interface PosteriorResult extends ForwardResult {
  /** n×K smoothed posteriors P(s_t | x_0..n-1) (uses the whole sequence: not for live use). */
  readonly smoothed: Float64Array;
  /** K×K expected transition counts Σ_t P(s_t=i, s_t+1=j | x). */
  readonly transitionCounts: Float64Array;
}

/** Preallocated arrays for repeated forward–backward passes (Baum–Welch iterations). */
export interface ForwardBackwardWorkspace {
  readonly filtered: Float64Array;
  readonly b: Float64Array;
  readonly scale: Float64Array;
  /** Holds β and then, in place, the smoothed posteriors. */
  readonly beta: Float64Array;
}

export function createForwardBackwardWorkspace(n: number, k: number): ForwardBackwardWorkspace {
  return {
    filtered: new Float64Array(n * k),
    b: new Float64Array(n * k),
    scale: new Float64Array(n),
    beta: new Float64Array(n * k),
  };
}

/**
 * Scaled forward–backward over precomputed log densities. The forward part is
 * `forwardStep` inlined (same operations in the same order, so the filtered
 * rows equal `filter`'s), keeping the scaled densities for the backward pass.
 * With a workspace, the returned arrays are the workspace's (overwritten by
 * the next pass).
 */
export function forwardBackwardFromLogB(
  params: GaussianHmmParams,
  logB: Float64Array,
  workspace?: ForwardBackwardWorkspace,
): PosteriorResult {
  const k = params.nStates;
  const n = logB.length / k;
  const a = params.transmat;
  const pi = params.startProb;
  const ws = workspace ?? createForwardBackwardWorkspace(n, k);
  const { filtered, b, scale, beta } = ws;
  let ll = 0;
  for (let t = 0; t < n; t++) {
    const o = t * k;
    let m = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) if (logB[o + j]! > m) m = logB[o + j]!;
    let c = 0;
    for (let j = 0; j < k; j++) {
      let pred: number;
      if (t === 0) pred = pi[j]!;
      else {
        pred = 0;
        for (let i = 0; i < k; i++) pred += filtered[o - k + i]! * a[i * k + j]!;
      }
      const bj = Math.exp(logB[o + j]! - m);
      b[o + j] = bj;
      const v = pred * bj;
      filtered[o + j] = v;
      c += v;
    }
    if (!(c > 0) || m === Number.NEGATIVE_INFINITY) {
      // Impossible observation under the model: the likelihood is zero.
      for (let j = 0; j < k; j++) filtered[o + j] = 1 / k;
      c = 1;
      ll = Number.NEGATIVE_INFINITY;
    } else {
      for (let j = 0; j < k; j++) filtered[o + j] = filtered[o + j]! / c;
      ll += Math.log(c) + m;
    }
    scale[t] = c;
  }
  for (let j = 0; j < k; j++) beta[(n - 1) * k + j] = 1;
  const tmp = new Float64Array(k);
  const transitionCounts = new Float64Array(k * k);
  for (let t = n - 2; t >= 0; t--) {
    const c = scale[t + 1]!;
    const o = t * k;
    for (let j = 0; j < k; j++) tmp[j] = (b[o + k + j]! * beta[o + k + j]!) / c;
    for (let i = 0; i < k; i++) {
      let s = 0;
      const ai = filtered[o + i]!;
      for (let j = 0; j < k; j++) {
        const v = a[i * k + j]! * tmp[j]!;
        s += v;
        transitionCounts[i * k + j] = transitionCounts[i * k + j]! + ai * v;
      }
      beta[o + i] = s;
    }
  }
  const smoothed = beta;
  for (let t = 0; t < n; t++) {
    const o = t * k;
    let s = 0;
    for (let j = 0; j < k; j++) {
      const v = filtered[o + j]! * beta[o + j]!;
      smoothed[o + j] = v;
      s += v;
    }
    for (let j = 0; j < k; j++) smoothed[o + j] = smoothed[o + j]! / s;
  }
  return { filtered, logLikelihood: ll, smoothed, transitionCounts };
}

export function posteriors(params: GaussianHmmParams, obs: Observations): PosteriorResult {
  return forwardBackwardFromLogB(params, logEmissionMatrix(params, obs));
}
