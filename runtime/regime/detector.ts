import type { Diagnostic } from "../core/errors.js";
import type { Rng } from "../core/rng.js";
import type { SpecLocation } from "../core/spec-location.js";
import type { OhlcvPanel, Segments } from "../contracts/panel.js";
import type {
  RegimeHmm,
  RegimeMl,
  RegimeTrend,
  RegimeTurbulence,
  RegimeVolThreshold,
} from "../spec/types.generated.js";

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
  /** Symbols of the modelled series (`returns`): one, a listed basket, or undefined for every symbol. */
  readonly seriesSymbols?: readonly string[];
  /** Extra deterministic figures for metrics.json. */
  readonly figures: Record<string, number>;
}

export interface DetectorContext {
  readonly panel: OhlcvPanel;
  readonly segments: Segments;
  readonly rng: Rng;
  /** The detector's section's place in the spec, for error messages. */
  readonly loc: SpecLocation;
  /** The spec's `backtest.periods_per_year` (undefined: inferred from the bar spacing). */
  readonly periodsPerYear?: number;
}

/** A detector's resolved section (schemas/regime.schema.json `$defs`: its keys, defaults filled). */
export type RegimeDetectorSpec =
  | RegimeHmm
  | RegimeVolThreshold
  | RegimeTrend
  | RegimeTurbulence
  | RegimeMl;

/** A detector implementation, registered by its `type:` name; it reads its own section type. */
export interface RegimeDetectorFactory<C extends RegimeDetectorSpec = RegimeDetectorSpec> {
  readonly type: C["type"];
  /**
   * Cross-field checks of the detector's section that need no data, run when
   * the plan is compiled (so `drlwb validate` reports them).
   */
  check?(config: C, loc: SpecLocation): Diagnostic[];
  /** Fits and labels; throws a UserError at the spec location for problems that need the data. */
  detect(config: C, ctx: DetectorContext): DetectorOutput;
  /**
   * Labels every bar of `panel` with the model `detect` fitted (its `model`,
   * as written to regime.json), by the very function `detect` labels with:
   * what a served model decides its regime with. Absent: the detector cannot
   * be served (registering a spec that switches on it is refused).
   */
  label?(config: C, model: FittedModel, panel: OhlcvPanel, loc: SpecLocation): Int32Array;
}

/** A detector's fitted parameters as plain JSON (`DetectorOutput.model`, read back from an artifact). */
export type FittedModel = Readonly<Record<string, unknown>>;
