import type { RiskEvent } from "../contracts/portfolio.js";
import type { ApiBars, ApiModelSignature, ApiPortfolioState } from "../spec/types.generated.js";
import type { BarsLimits } from "./bars.js";
import type { RegimeAtBar } from "./served-regime.js";

/** The caller's portfolio, for the model's risk overlay (schemas/api.schema.json `$defs/PortfolioState`). */
export type PortfolioInput = ApiPortfolioState;

export interface Prediction {
  /** The policy's raw actions, one per observation (an index for discrete policies, a vector for continuous ones). */
  readonly actions: (number | number[])[];
  /** Target weights per observation after the env's action transform and the model's risk overlay. */
  readonly weights: number[][];
  readonly riskEvents: RiskEvent[];
  /** The risk events of each observation's decision (`riskEvents` split by observation), for the prediction log. */
  readonly riskEventsByObservation?: readonly (readonly RiskEvent[])[];
  /** The risk overlay's state after this call, to pass back with the next call (stateful rules). */
  readonly riskState?: unknown;
}

/** A decision from bars: what the backtest decided at the last bar sent. */
export interface BarsPrediction {
  /** The decision bar (the caller's numbering) and its time (epoch ms). */
  readonly bar: number;
  readonly time: number;
  /** The policy's raw action (absent for rule strategies). */
  readonly action?: number | number[];
  /** Target weights before the risk overlay, in the signature's symbol order. */
  readonly proposed: number[];
  /** Target weights after the risk overlay, in the signature's symbol order. */
  readonly weights: number[];
  readonly riskEvents: readonly RiskEvent[];
  readonly riskState?: unknown;
  /** The env's state after this decision, to pass back with the next bar (agents). */
  readonly envState?: Record<string, unknown>;
  /** Regime-switched models: the regime labelled at the decision bar, which switched `proposed`. */
  readonly regime?: RegimeAtBar;
  /** The observation the env wrote at the decision bar (agents; not sent back), for the prediction log. */
  readonly observation?: Float64Array;
}

export interface PredictOptions {
  readonly deterministic: boolean;
  readonly portfolio?: PortfolioInput;
  readonly riskState?: unknown;
}

export interface BarsOptions extends PredictOptions {
  readonly envState?: Record<string, unknown>;
  readonly limits: BarsLimits;
}

/**
 * A loaded model ready to serve: observations or recent bars in, actions and
 * risk-checked target weights out. Built from a registry artifact by the
 * loader that recognises it (runtime/serving/artifact-loaders.ts).
 */
export interface Predictor {
  readonly name: string;
  readonly version: number;
  readonly signature: ApiModelSignature;
  /** Expected observation length, when the model declares one. */
  readonly observationSize?: number;
  predict(observations: readonly (readonly number[])[], options: PredictOptions): Prediction;
  /** The decision at the last of `bars`, computed with the run's own feature, env and risk code. */
  predictBars(bars: ApiBars, options: BarsOptions): BarsPrediction;
  dispose(): void;
}

export type PredictorLoader = (input: {
  name: string;
  version: number;
  artifactDir: string;
}) => Promise<Predictor>;
