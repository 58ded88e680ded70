import { logEmissionMatrix } from "../hmm/emission.js";
import {
  checkObservations,
  type FittedHmm,
  fitGaussianHmm,
  HmmInputError,
  selectStateCount,
} from "../hmm/fit.js";
import { forwardFromLogB } from "../hmm/forward-backward.js";
import { hmmToJson, observations, stateVariance } from "../hmm/model.js";
import type { DetectorContext, DetectorOutput, RegimeDetectorFactory } from "../detector.js";
import { messages } from "../messages.js";
import { buildObservations, observationRows } from "../observations.js";
import { specError } from "../../core/spec-error.js";
import type { SpecLocation } from "../../core/spec-location.js";
import type { RegimeHmm } from "../../spec/types.generated.js";
import { observationOptions, trainRows } from "./config.js";

function hmmInputToUserError(
  error: HmmInputError,
  ctx: DetectorContext,
  offset: number,
  features: readonly string[],
  statesLoc: SpecLocation,
) {
  const p = error.problem;
  if (p.kind === "too_few_observations") {
    return specError(
      statesLoc,
      messages.tooFewObservations(p.n, p.nStates),
      messages.tooFewObservationsHint(p.nStates),
    );
  }
  if (p.kind === "non_finite") {
    const bar = p.index + offset;
    const time = new Date(ctx.panel.timestamps[bar] ?? 0).toISOString().slice(0, 10);
    return specError(
      ctx.loc.at("/features"),
      messages.nonFiniteObservation(bar, time),
      messages.nonFiniteHint(),
    );
  }
  return specError(
    ctx.loc.at("/features"),
    messages.zeroVariance(features[p.dimension] ?? "?"),
    messages.zeroVarianceHint(),
  );
}

function fitOnTrain(
  config: RegimeHmm,
  ctx: DetectorContext,
  obs: ReturnType<typeof observations>,
): { fit: FittedHmm; selection?: ReturnType<typeof selectStateCount> } {
  const base = {
    covarianceType: config.covariance,
    restarts: config.restarts,
    maxIterations: config.max_iterations,
    tolerance: config.tolerance,
  };
  const select = config.select;
  if (select) {
    const selection = selectStateCount(obs, select.candidates, base, select.criterion, ctx.rng);
    return { fit: selection.best, selection };
  }
  return { fit: fitGaussianHmm(obs, { ...base, nStates: config.states }, ctx.rng) };
}

/** Gaussian HMM fitted on the train segment; filtered probabilities for every bar. */
export function hmmDetector(): RegimeDetectorFactory<RegimeHmm> {
  return {
    type: "hmm",
    detect(config, ctx): DetectorOutput {
      const options = observationOptions(config, config.features, ctx);
      const series = buildObservations(ctx.panel, options);
      const rows = trainRows(ctx, series.firstBar);
      const trainObs = observations(
        observationRows(series, rows.start, rows.end).slice(),
        series.dim,
      );
      const statesLoc = ctx.loc.at(config.select ? "/select/candidates" : "/states");
      let fitted: ReturnType<typeof fitOnTrain>;
      try {
        // Every bar must be clean: the filter runs over all of them, not only the train segment.
        checkObservations(
          observations(observationRows(series, series.firstBar, series.bars), series.dim),
          1,
        );
        fitted = fitOnTrain(config, ctx, trainObs);
      } catch (error) {
        if (error instanceof HmmInputError) {
          const offset = error.problem.kind === "non_finite" ? series.firstBar : rows.start;
          throw hmmInputToUserError(error, ctx, offset, options.features, statesLoc);
        }
        throw error;
      }
      const { fit } = fitted;
      const p = fit.params;
      const k = p.nStates;
      const n = series.bars;
      const all = observations(observationRows(series, series.firstBar, n).slice(), series.dim);
      const { filtered } = forwardFromLogB(p, logEmissionMatrix(p, all));
      const labels = new Int32Array(n).fill(-1);
      const probabilities = Array.from({ length: k }, () => new Float64Array(n).fill(Number.NaN));
      for (let t = series.firstBar; t < n; t++) {
        const row = (t - series.firstBar) * k;
        let best = 0;
        for (let s = 0; s < k; s++) {
          const v = filtered[row + s]!;
          probabilities[s]![t] = v;
          if (v > filtered[row + best]!) best = s;
        }
        labels[t] = best;
      }
      const transmat = Array.from({ length: k }, (_, i) =>
        Array.from(p.transmat.subarray(i * k, i * k + k)),
      );
      const stateNames =
        k === 2
          ? ["low_vol", "high_vol"]
          : Array.from({ length: k }, (_, s) =>
              s === 0 ? "low_vol" : s === k - 1 ? "high_vol" : `mid_vol_${s}`,
            );
      return {
        nStates: k,
        stateNames,
        labels,
        probabilities,
        returns: series.simpleReturns,
        modelTransitionMatrix: transmat,
        model: {
          hmm: hmmToJson(p),
          features: options.features,
          scale: options.scale,
          window: options.window,
          ...(options.symbol ? { symbol: options.symbol } : {}),
          logLikelihood: fit.logLikelihood,
          aic: fit.aic,
          bic: fit.bic,
          iterations: fit.iterations,
          converged: fit.converged,
          restartLogLikelihoods: fit.restartLogLikelihoods,
          trainObservations: fit.nObservations,
          firstBar: series.firstBar,
          stateEmission: Array.from({ length: k }, (_, s) => ({
            mean: Array.from(p.means.subarray(s * p.dim, s * p.dim + p.dim)),
            std: Array.from({ length: p.dim }, (_, j) => Math.sqrt(stateVariance(p, s, j))),
          })),
          ...(fitted.selection
            ? {
                selection: {
                  criterion: fitted.selection.criterion,
                  candidates: fitted.selection.candidates,
                },
              }
            : {}),
        },
        figures: {
          logLikelihood: fit.logLikelihood,
          aic: fit.aic,
          bic: fit.bic,
        },
      };
    },
  };
}
