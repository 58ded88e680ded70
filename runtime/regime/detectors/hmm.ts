import { logEmissionMatrix } from "../hmm/emission.js";
import {
  checkObservations,
  type FittedHmm,
  fitGaussianHmm,
  HmmInputError,
  selectStateCount,
} from "../hmm/fit.js";
import { forwardFromLogB } from "../hmm/forward-backward.js";
import {
  type GaussianHmmJson,
  type GaussianHmmParams,
  hmmFromJson,
  hmmToJson,
  observations,
  stateVariance,
} from "../hmm/model.js";
import type {
  DetectorContext,
  DetectorOutput,
  FittedModel,
  RegimeDetectorFactory,
} from "../detector.js";
import { fittedValue } from "../fitted-model.js";
import { messages } from "../messages.js";
import { buildObservations, type ObservationSeries, observationRows } from "../observations.js";
import { UserError } from "../../core/errors.js";
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

/**
 * The labels of every bar: the forward filter of the fitted HMM over the
 * observations from their first defined bar, each bar's most probable state
 * (-1 before it). What the regime stage labels with, and a served model.
 */
export function filteredLabels(
  p: GaussianHmmParams,
  series: ObservationSeries,
): { labels: Int32Array; probabilities: Float64Array[] } {
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
  return { labels, probabilities };
}

function isMatrix(value: unknown, rows: number, cols: number): value is number[][] {
  return (
    Array.isArray(value) &&
    value.length === rows &&
    value.every(
      (r) =>
        Array.isArray(r) &&
        r.length === cols &&
        r.every((x) => typeof x === "number" && Number.isFinite(x)),
    )
  );
}

function isVector(value: unknown, length: number): value is number[] {
  return isMatrix([value], 1, length);
}

function isCubes(value: unknown, count: number, d: number): value is number[][][] {
  return Array.isArray(value) && value.length === count && value.every((c) => isMatrix(c, d, d));
}

/** The fitted HMM of a model read back (`model.hmm`), its shape and numbers checked. */
function fittedHmm(model: FittedModel): GaussianHmmParams {
  const broken = () => new UserError(messages.fittedModelBroken("hmm", "hmm"));
  const raw = fittedValue(model, "hmm");
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw broken();
  const at = (key: string): unknown =>
    Object.hasOwn(raw, key) ? Reflect.get(raw, key) : undefined;
  const k = at("nStates");
  const d = at("dim");
  const covarianceType = at("covarianceType");
  if (typeof k !== "number" || typeof d !== "number") throw broken();
  if (!Number.isInteger(k) || !Number.isInteger(d) || k < 1 || d < 1) throw broken();
  if (covarianceType !== "diag" && covarianceType !== "full") throw broken();
  const startProb = at("startProb");
  const transmat = at("transmat");
  const means = at("means");
  const covars = at("covars");
  if (!isVector(startProb, k) || !isMatrix(transmat, k, k) || !isMatrix(means, k, d))
    throw broken();
  let checked: number[][] | number[][][];
  if (covarianceType === "diag" && isMatrix(covars, k, d)) checked = covars;
  else if (covarianceType === "full" && isCubes(covars, k, d)) checked = covars;
  else throw broken();
  const json: GaussianHmmJson = {
    nStates: k,
    dim: d,
    covarianceType,
    startProb,
    transmat,
    means,
    covars: checked,
  };
  return hmmFromJson(json);
}

/** Gaussian HMM fitted on the train segment; filtered probabilities for every bar. */
export function hmmDetector(): RegimeDetectorFactory<RegimeHmm> {
  return {
    type: "hmm",
    label(config, model, panel, loc) {
      const p = fittedHmm(model);
      const options = observationOptions(config, config.features, { panel, loc });
      const series = buildObservations(panel, options);
      if (series.dim !== p.dim) throw new UserError(messages.fittedModelBroken("hmm", "hmm"));
      return filteredLabels(p, series).labels;
    },
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
      const { labels, probabilities } = filteredLabels(p, series);
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
        ...(options.symbols ? { seriesSymbols: options.symbols } : {}),
        modelTransitionMatrix: transmat,
        model: {
          hmm: hmmToJson(p),
          features: options.features,
          scale: options.scale,
          window: options.window,
          ...(options.symbols ? { symbols: options.symbols } : {}),
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
