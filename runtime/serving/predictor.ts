import type { ApiPortfolioState } from "../spec/types.generated.js";
import type { RiskEvent } from "../contracts/portfolio.js";

/** The caller's portfolio, for the model's risk overlay (schemas/api.schema.json `$defs/PortfolioState`). */
export type PortfolioInput = ApiPortfolioState;

export interface Prediction {
  /** The policy's raw actions, one per observation (an index for discrete policies, a vector for continuous ones). */
  readonly actions: (number | number[])[];
  /** Target weights per observation after the model's risk overlay. */
  readonly weights: number[][];
  readonly riskEvents: RiskEvent[];
  /** The risk overlay's state after this call, to pass back with the next call (stateful rules). */
  readonly riskState?: unknown;
}

/**
 * A loaded model ready to serve: observations in, actions and risk-checked
 * target weights out. Built from a registry artifact by a `PredictorLoader`.
 */
export interface Predictor {
  readonly name: string;
  readonly version: number;
  /** Expected observation length, when the model declares one. */
  readonly observationSize?: number;
  predict(
    observations: readonly (readonly number[])[],
    options: { deterministic: boolean; portfolio?: PortfolioInput; riskState?: unknown },
  ): Prediction;
  dispose(): void;
}

export type PredictorLoader = (input: {
  name: string;
  version: number;
  artifactDir: string;
}) => Promise<Predictor>;
