import type { RegimeMetrics } from "./regime-metrics.js";
import type { SwitchingSpec } from "./switching.js";

/** Output of the regime stage (plain data). */
export interface RegimeResult {
  readonly type: string;
  readonly nStates: number;
  readonly stateNames: readonly string[];
  readonly timestamps: Float64Array;
  /** Label per bar decided with data ≤ t; -1 = unknown (warm-up). */
  readonly labels: Int32Array;
  /**
   * Filtered probabilities [state][t] (NaN where the label is -1). Detectors
   * with hard labels give one-hot rows (`probabilistic` false).
   */
  readonly probabilities: Float64Array[];
  readonly probabilistic: boolean;
  /** The detector's per-bar indicator (volatility, MA slope, turbulence index…), when it has one. */
  readonly indicator?: Float64Array;
  /** Fitted parameters as written to regime.json. */
  readonly model: Record<string, unknown>;
  readonly modelTransitionMatrix?: number[][];
  /** Regime risk metrics over all labelled bars and over the test segment. */
  readonly regimeMetrics: { readonly all: RegimeMetrics; readonly test: RegimeMetrics };
  /** The series the detector modelled, as a price level per bar: the report shades the regimes over it. */
  readonly series: RegimeSeriesLevels;
  /** The spec's `switching`: the signal stage applies it to the signal with `labels` (applyRegimeSwitching). */
  readonly switching?: SwitchingSpec;
  /** Problems worth a look that do not stop the run (too many unknown labels, a one-class classifier). */
  readonly warnings: readonly string[];
  /** Label at the last bar. */
  readonly currentRegime: number;
  /** Flat figures for metrics.json. */
  readonly metrics: Record<string, number | string>;
}

/** The modelled series (one symbol's close, or an equal-weighted basket compounded from 1). */
export interface RegimeSeriesLevels {
  /** Display name: the symbol, or "basket (A, B, …)". */
  readonly name: string;
  /** The level at every bar of the panel. */
  readonly levels: Float64Array;
}
