import type { RiskSpec } from "../spec/types.generated.js";
import type { TargetOverlay } from "../contracts/portfolio.js";
import type { RiskManagerState } from "./manager.js";

/**
 * risk.json: the rules and what they were compiled for. The risk stage
 * writes it, the register stage copies it into the model artifact, and the
 * server compiles it again to apply the same rules to every prediction.
 */
export interface RiskDocument {
  readonly rules: RiskSpec["rules"];
  readonly symbols: readonly string[];
  readonly periodsPerYear: number;
  readonly initialState: RiskManagerState;
}

/**
 * The risk stage's output: the overlay the backtest applies bar by bar (the
 * stage's RiskManager) and the document a registered model carries.
 */
export interface RiskStageOutput {
  readonly overlay: TargetOverlay;
  readonly document: RiskDocument;
}
