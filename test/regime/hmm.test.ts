import { describe, expect, it } from "vitest";
import { createRng } from "../../runtime/core/rng.js";
import { fitGaussianHmm, HmmInputError, selectStateCount } from "../../runtime/regime/hmm/fit.js";
import { filter, posteriors } from "../../runtime/regime/hmm/forward-backward.js";
import {
  type GaussianHmmParams,
  hmmFromJson,
  hmmToJson,
  observations,
} from "../../runtime/regime/hmm/model.js";
import { HmmOnlineFilter } from "../../runtime/regime/hmm/online-filter.js";
import { sampleHmm } from "../../runtime/regime/hmm/sample.js";
import { viterbi } from "../../runtime/regime/hmm/viterbi.js";

/** Independent Gaussian densities written directly from the formula. */
function normalPdf(x: number, mu: number, variance: number): number {
  return Math.exp(-((x - mu) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
}

function bivariatePdf(x: number[], mu: number[], s: number[][]): number {
  const det = s[0]![0]! * s[1]![1]! - s[0]![1]! * s[1]![0]!;
  const inv = [
    [s[1]![1]! / det, -s[0]![1]! / det],
    [-s[1]![0]! / det, s[0]![0]! / det],
  ];
  const z = [x[0]! - mu[0]!, x[1]! - mu[1]!];
  const q =
    z[0]! * (inv[0]![0]! * z[0]! + inv[0]![1]! * z[1]!) +
    z[1]! * (inv[1]![0]! * z[0]! + inv[1]![1]! * z[1]!);
  return Math.exp(-q / 2) / (2 * Math.PI * Math.sqrt(det));
}

/** Sums p(x, path) over all K^n paths; returns the likelihood, path probabilities and marginals. */
function bruteForce(
  k: number,
  n: number,
  start: number[],
  trans: number[][],
  density: (t: number, s: number) => number,
) {
  let total = 0;
  let bestPath: number[] = [];
  let best = -1;
  const marg = Array.from({ length: n }, () => new Array<number>(k).fill(0));
  const path = new Array<number>(n).fill(0);
  const paths = k ** n;
  for (let code = 0; code < paths; code++) {
    let c = code;
    for (let t = 0; t < n; t++) {
      path[t] = c % k;
      c = Math.floor(c / k);
    }
    let p = start[path[0]!]! * density(0, path[0]!);
    for (let t = 1; t < n; t++) p *= trans[path[t - 1]!]![path[t]!]! * density(t, path[t]!);
    total += p;
    if (p > best) {
      best = p;
      bestPath = [...path];
    }
    for (let t = 0; t < n; t++) marg[t]![path[t]!]! += p;
  }
  return { total, bestPath, best, marg: marg.map((row) => row.map((v) => v / total)) };
}

const diag3: GaussianHmmParams = {
  nStates: 3,
  dim: 1,
  covarianceType: "diag",
  startProb: Float64Array.from([0.5, 0.3, 0.2]),
  transmat: Float64Array.from([0.8, 0.15, 0.05, 0.1, 0.7, 0.2, 0.2, 0.3, 0.5]),
  means: Float64Array.from([0.1, -0.5, 1.2]),
  covars: Float64Array.from([0.5, 2.0, 1.0]),
};

describe("Gaussian HMM likelihood and posteriors", () => {
  it("matches brute-force enumeration over all state paths (diagonal, 3 states)", () => {
    const xs = [0.3, -1.2, 2.1, 0.05, -0.7, 1.4];
    const obs = observations(Float64Array.from(xs));
    const trans = [
      [0.8, 0.15, 0.05],
      [0.1, 0.7, 0.2],
      [0.2, 0.3, 0.5],
    ];
    const mu = [0.1, -0.5, 1.2];
    const v = [0.5, 2.0, 1.0];
    const ref = bruteForce(3, xs.length, [0.5, 0.3, 0.2], trans, (t, s) =>
      normalPdf(xs[t]!, mu[s]!, v[s]!),
    );
    const post = posteriors(diag3, obs);
    expect(post.logLikelihood).toBeCloseTo(Math.log(ref.total), 12);
    for (let t = 0; t < xs.length; t++) {
      for (let s = 0; s < 3; s++)
        expect(post.smoothed[t * 3 + s]).toBeCloseTo(ref.marg[t]![s]!, 12);
    }
    const vit = viterbi(diag3, obs);
    expect(Array.from(vit.path)).toEqual(ref.bestPath);
    expect(vit.logProbability).toBeCloseTo(Math.log(ref.best), 12);
    // Filtered at t equals brute force on the prefix 0..t.
    for (let t = 0; t < xs.length; t++) {
      const prefix = bruteForce(3, t + 1, [0.5, 0.3, 0.2], trans, (u, s) =>
        normalPdf(xs[u]!, mu[s]!, v[s]!),
      );
      const f = filter(diag3, obs);
      for (let s = 0; s < 3; s++)
        expect(f.filtered[t * 3 + s]).toBeCloseTo(prefix.marg[t]![s]!, 12);
    }
  });

  it("matches brute-force enumeration with full covariance (2-D, 2 states)", () => {
    const params: GaussianHmmParams = {
      nStates: 2,
      dim: 2,
      covarianceType: "full",
      startProb: Float64Array.from([0.6, 0.4]),
      transmat: Float64Array.from([0.9, 0.1, 0.25, 0.75]),
      means: Float64Array.from([0, 0.5, 1, -1]),
      covars: Float64Array.from([1, 0.3, 0.3, 0.5, 2, -0.8, -0.8, 1.5]),
    };
    const xs = [
      [0.2, 0.4],
      [1.5, -1.1],
      [-0.3, 0.9],
      [2.2, -2.0],
      [0.1, 0.1],
    ];
    const sig = [
      [
        [1, 0.3],
        [0.3, 0.5],
      ],
      [
        [2, -0.8],
        [-0.8, 1.5],
      ],
    ];
    const mu = [
      [0, 0.5],
      [1, -1],
    ];
    const ref = bruteForce(
      2,
      xs.length,
      [0.6, 0.4],
      [
        [0.9, 0.1],
        [0.25, 0.75],
      ],
      (t, s) => bivariatePdf(xs[t]!, mu[s]!, sig[s]!),
    );
    const post = posteriors(params, observations(Float64Array.from(xs.flat()), 2));
    expect(post.logLikelihood).toBeCloseTo(Math.log(ref.total), 12);
    for (let t = 0; t < xs.length; t++) {
      expect(post.smoothed[t * 2 + 1]).toBeCloseTo(ref.marg[t]![1]!, 12);
    }
  });

  it("stays finite on long sequences where unscaled probabilities underflow", () => {
    const sample = sampleHmm(diag3, 20_000, createRng(3));
    const ll = filter(diag3, observations(sample.values)).logLikelihood;
    expect(Number.isFinite(ll)).toBe(true);
    expect(ll).toBeLessThan(-1000);
  });
});

describe("filtered probabilities", () => {
  it("do not look ahead: perturbing the future leaves the past unchanged", () => {
    const sample = sampleHmm(diag3, 400, createRng(11));
    const base = filter(diag3, observations(sample.values)).filtered;
    const perturbed = Float64Array.from(sample.values);
    for (let t = 250; t < 400; t++) perturbed[t] = perturbed[t]! * 7 + 3;
    const after = filter(diag3, observations(perturbed)).filtered;
    expect(Array.from(after.subarray(0, 250 * 3))).toEqual(Array.from(base.subarray(0, 250 * 3)));
    expect(Array.from(after.subarray(250 * 3))).not.toEqual(Array.from(base.subarray(250 * 3)));
  });

  it("the streaming filter equals the batch filter, also when resumed from its saved state", () => {
    const sample = sampleHmm(diag3, 1000, createRng(5));
    const batch = filter(diag3, observations(sample.values));
    let online = new HmmOnlineFilter(diag3);
    let changes = 0;
    for (let t = 0; t < 1000; t++) {
      if (t === 600)
        online = new HmmOnlineFilter(diag3, JSON.parse(JSON.stringify(online.state())));
      const u = online.update([sample.values[t]!]);
      if (u.changed) changes++;
      for (let s = 0; s < 3; s++) {
        expect(Math.abs(u.probabilities[s]! - batch.filtered[t * 3 + s]!)).toBeLessThanOrEqual(
          1e-12,
        );
      }
    }
    expect(changes).toBeGreaterThan(1);
    expect(online.state().logLikelihood).toBeCloseTo(batch.logLikelihood, 8);
  });
});

describe("Baum–Welch fitting", () => {
  it("recovers the parameters of sampled data (diagonal, 2 states)", () => {
    const truth: GaussianHmmParams = {
      nStates: 2,
      dim: 1,
      covarianceType: "diag",
      startProb: Float64Array.from([0.5, 0.5]),
      transmat: Float64Array.from([0.97, 0.03, 0.06, 0.94]),
      means: Float64Array.from([0.05, -0.1]),
      covars: Float64Array.from([0.64, 4.0]),
    };
    const sample = sampleHmm(truth, 6000, createRng(21));
    const fit = fitGaussianHmm(
      observations(sample.values),
      { nStates: 2, restarts: 3 },
      createRng(1),
    );
    const p = fit.params;
    expect(p.transmat[0]).toBeCloseTo(0.97, 1);
    expect(p.transmat[3]).toBeCloseTo(0.94, 1);
    expect(Math.abs(p.transmat[0]! - 0.97)).toBeLessThan(0.015);
    expect(Math.abs(p.transmat[3]! - 0.94)).toBeLessThan(0.025);
    // Tolerances of a few standard errors for ~2,000-6,000 draws per state.
    expect(Math.abs(Math.sqrt(p.covars[0]!) - 0.8)).toBeLessThan(0.04);
    expect(Math.abs(Math.sqrt(p.covars[1]!) - 2.0)).toBeLessThan(0.12);
    expect(Math.abs(p.means[1]! + 0.1)).toBeLessThan(0.15);
    // The fitted likelihood is at least the truth's (EM finds the MLE neighbourhood).
    const llTruth = filter(truth, observations(sample.values)).logLikelihood;
    expect(fit.logLikelihood).toBeGreaterThan(llTruth - 1);
    // Viterbi agrees with the true path most of the time.
    const path = viterbi(p, observations(sample.values)).path;
    let agree = 0;
    for (let t = 0; t < path.length; t++) if (path[t] === sample.states[t]) agree++;
    expect(agree / path.length).toBeGreaterThan(0.85);
  });

  it("recovers a full-covariance model and orders states by volatility", () => {
    const truth: GaussianHmmParams = {
      nStates: 2,
      dim: 2,
      covarianceType: "full",
      startProb: Float64Array.from([0.5, 0.5]),
      transmat: Float64Array.from([0.95, 0.05, 0.05, 0.95]),
      means: Float64Array.from([2, 2, 0, 0]),
      covars: Float64Array.from([4, 3, 3, 4, 0.5, -0.2, -0.2, 0.5]),
    };
    const sample = sampleHmm(truth, 4000, createRng(8));
    const fit = fitGaussianHmm(
      observations(sample.values, 2),
      { nStates: 2, covarianceType: "full", restarts: 2 },
      createRng(2),
    );
    const p = fit.params;
    // State 0 is the calm one (the truth's state 1).
    expect(p.means[0]).toBeCloseTo(0, 0);
    expect(p.covars[1]).toBeCloseTo(-0.2, 1);
    expect(p.covars[4 + 1]! / Math.sqrt(p.covars[4]! * p.covars[4 + 3]!)).toBeCloseTo(0.75, 1);
    expect(p.transmat[0]).toBeCloseTo(0.95, 1);
  });

  it("is reproducible for a seed and never loses likelihood to a worse restart", () => {
    const sample = sampleHmm(diag3, 600, createRng(4));
    const obs = observations(sample.values);
    const a = fitGaussianHmm(obs, { nStates: 3, restarts: 4 }, createRng(9));
    const b = fitGaussianHmm(obs, { nStates: 3, restarts: 4 }, createRng(9));
    expect(hmmToJson(a.params)).toEqual(hmmToJson(b.params));
    expect(a.logLikelihood).toBe(Math.max(...a.restartLogLikelihoods));
    expect(hmmToJson(hmmFromJson(hmmToJson(a.params)))).toEqual(hmmToJson(a.params));
  });

  it("selects the true number of states by BIC", () => {
    const truth: GaussianHmmParams = {
      nStates: 2,
      dim: 1,
      covarianceType: "diag",
      startProb: Float64Array.from([0.5, 0.5]),
      transmat: Float64Array.from([0.95, 0.05, 0.05, 0.95]),
      means: Float64Array.from([0, 0]),
      covars: Float64Array.from([1, 9]),
    };
    const sample = sampleHmm(truth, 3000, createRng(13));
    const sel = selectStateCount(
      observations(sample.values),
      [1, 2, 3],
      { restarts: 2 },
      "bic",
      createRng(3),
    );
    expect(sel.best.params.nStates).toBe(2);
    expect(sel.candidates.map((c) => c.nStates)).toEqual([1, 2, 3]);
  });

  it("rejects bad input: NaNs, zero variance, more states than observations", () => {
    const rng = createRng(1);
    const problem = (values: number[], k: number) => {
      try {
        fitGaussianHmm(observations(Float64Array.from(values)), { nStates: k }, rng);
      } catch (error) {
        return error instanceof HmmInputError ? error.problem.kind : "other";
      }
      return "none";
    };
    expect(problem([1, 2, Number.NaN, 4, 5], 2)).toBe("non_finite");
    expect(problem([3, 3, 3, 3, 3, 3], 2)).toBe("zero_variance");
    expect(problem([1, 2, 3], 4)).toBe("too_few_observations");
  });
});
