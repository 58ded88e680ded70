/** Public API of the agents domain (deep RL on TensorFlow.js). */
export type {
  Agent,
  AgentSnapshot,
  Hyperparameters,
  IterationReport,
  LearnHooks,
  ResumeState,
} from "./algos/agent.js";
export type { AgentOptions } from "./algos/agent-options.js";
export {
  type AlgorithmName,
  type HyperparametersOf,
  resolveHyperparameters,
} from "./algos/algorithm-hyperparameters.js";
export {
  type AgentFactory,
  type AlgorithmEntry,
  createAlgorithmRegistry,
} from "./algos/registry.js";
export { parseSchedule, type Schedule } from "./algos/schedules.js";
export {
  type BackendInfo,
  type BackendName,
  type BackendPreference,
  initBackend,
} from "./backend/init-backend.js";
export { type EnsembleResult, type EnsembleWindow, runEnsemble } from "./ensemble.js";
export { CARTPOLE, cartPoleStep, createCartPole } from "./envs/cartpole.js";
export { type Env, isTradingEnv, type StepResult, type TradingEnv } from "./envs/env.js";
export { isTradingEnvSection, type TradingEnvSection } from "./envs/trading-env-section.js";
export { createMultiStockEnv, type MultiStockEnvOptions } from "./envs/multi-stock.js";
export { createPendulum, PENDULUM, pendulumStep } from "./envs/pendulum.js";
export { createPortfolioEnv, type PortfolioEnvOptions } from "./envs/portfolio.js";
export { createEnvRegistry, type EnvBuildContext, type EnvEntry } from "./envs/registry.js";
export { REWARD_TYPES, type RewardType } from "./envs/rewards.js";
export { ObservationNormalizer, RewardScaler, RunningMeanStd } from "./envs/running-stats.js";
export { createSingleAssetEnv, type SingleAssetEnvOptions } from "./envs/single-asset.js";
export {
  type Action,
  type BoxSpace,
  box,
  type DiscreteSpace,
  discrete,
  type Space,
} from "./envs/spaces.js";
export { proportionalCosts, type TradingCosts } from "./envs/trading-costs.js";
export { turbulenceIndex } from "./envs/turbulence.js";
export { VecEnv } from "./envs/vec-env.js";
export { type BaselineComparison, compareWithBaselines } from "./evaluation/baseline-comparison.js";
export { type EpisodeResult, runEpisodes } from "./evaluation/episodes.js";
export { policyToWeights } from "./evaluation/policy-signal.js";
export { interquartileMean, type ScoreSummary, summarize } from "./evaluation/summary-stats.js";
export { fileIOHandler } from "./io/file-io-handler.js";
export { deserializeSpace, loadAgent } from "./io/load-agent.js";
export { loadSnapshot, type ModelMetadata, saveSnapshot } from "./io/model-io.js";
export { loadResumeState, saveResumeState } from "./io/resume-state-io.js";
export {
  type AgentEvaluation,
  type AgentSignal,
  type AgentStageInput,
  type AgentStageOptions,
  createAgentSignalStage,
} from "./stage.js";
export {
  createAgentTrainStage,
  type TrainedAgent,
  type TrainEvaluation,
  type TrainStageOptions,
} from "./train-stage.js";
export { type TrainingSummary, type TrainOptions, trainAgent } from "./training/trainer.js";
