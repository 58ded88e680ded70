import type { Rng } from "../core/rng.js";
import type { OhlcvPanel, Segments } from "../data/panel.js";

/**
 * What a regime detector produces: a label per bar decided with data up to
 * that bar (-1 = not enough data yet) and, where the detector has them,
 * filtered state probabilities. It is fitted on the train segment only.
 */
export interface DetectorOutput {
  readonly nStates: number;
  /** Human-readable names of the states, index = label (e.g. "calm", "turbulent"). */
  readonly stateNames: readonly string[];
  readonly labels: Int32Array;
  /** [state][t]; rows are NaN where the label is -1. Null for detectors without probabilities. */
  readonly probabilities: Float64Array[] | null;
  /** Fitted parameters as plain JSON (written to regime.json). */
  readonly model: Record<string, unknown>;
  /** Model-implied transition matrix when the detector has one (HMM). */
  readonly modelTransitionMatrix?: number[][];
  /** The detector's underlying per-bar indicator (volatility, slope, turbulence…), NaN in warm-up. */
  readonly indicator?: Float64Array;
  /** Simple return of the modelled asset/basket per bar (for regime metrics). */
  readonly returns: Float64Array;
  /** Extra deterministic figures for metrics.json. */
  readonly figures: Record<string, number>;
}

export interface DetectorContext {
  readonly panel: OhlcvPanel;
  readonly segments: Segments;
  readonly rng: Rng;
  /** JSON pointer of the detector's section in the spec, for error messages. */
  readonly path: string;
  /** Spec file name for diagnostics. */
  readonly file: string;
}

/** A detector implementation, registered by its `type:` name. */
export interface RegimeDetectorFactory {
  readonly type: string;
  /** Semantic checks beyond the schema; throws UserError naming the spec path. */
  detect(config: Record<string, unknown>, ctx: DetectorContext): DetectorOutput;
}
