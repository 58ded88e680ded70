/** Public API of the regime domain (re-exported by runtime/index.ts). */
export type { DetectorContext, DetectorOutput, RegimeDetectorFactory } from "./detector.js";
export { turbulenceIndex } from "./detectors/turbulence.js";
export {
  checkObservations,
  type FitHmmOptions,
  type FittedHmm,
  fitGaussianHmm,
  HmmInputError,
  selectStateCount,
  type StateSelection,
} from "./hmm/fit.js";
export { filter, logLikelihood, posteriors } from "./hmm/forward-backward.js";
export {
  type CovarianceType,
  type GaussianHmmJson,
  type GaussianHmmParams,
  hmmFromJson,
  hmmToJson,
  type Observations,
  observations,
  orderStatesByVolatility,
} from "./hmm/model.js";
export { type HmmFilterState, HmmOnlineFilter } from "./hmm/online-filter.js";
export { sampleHmm } from "./hmm/sample.js";
export { viterbi } from "./hmm/viterbi.js";
export { classificationReport } from "./ml/confusion.js";
export { fitLogisticRegression, predictProbabilities } from "./ml/logistic-regression.js";
export {
  buildObservations,
  OBSERVATION_FEATURES,
  type ObservationFeature,
} from "./observations.js";
export {
  computeRegimeMetrics,
  expectedDurations,
  type RegimeMetrics,
  type RegimeStateStats,
} from "./regime-metrics.js";
export { createRegimeRegistry } from "./registry.js";
export type { RegimeResult } from "./result.js";
export {
  createRegimeStage,
  type RegimeStageInput,
  regimeJson,
  regimeWarnings,
} from "./stage.js";
export {
  createRegimeStream,
  type HmmRegimeModel,
  type RegimeStream,
  type RegimeUpdate,
} from "./stream.js";
export { withRegimeSwitching } from "./switching-stage.js";
export {
  applyRegimeSwitching,
  checkSwitching,
  EXPERIMENT_SIGNAL,
  type SwitchingSignals,
  type SwitchingSpec,
  type SwitchTarget,
} from "./switching.js";
