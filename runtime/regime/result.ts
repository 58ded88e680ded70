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
  /** The spec's `switching`: the backtest applies it to the signal with `labels` (applyRegimeSwitching). */
  readonly switching?: SwitchingSpec;
  /** Label at the last bar. */
  readonly currentRegime: number;
  /** Flat figures for metrics.json. */
  readonly metrics: Record<string, number | string>;
}
