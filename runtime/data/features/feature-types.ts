import type pl from "nodejs-polars";
import type { SeriesBars } from "./batch-helpers.js";

/** One entry of the spec's `features:` list (features.schema.json). */
export interface FeatureSpec {
  readonly type: string;
  /** Output name (default: type plus its window/periods, e.g. rsi_14). */
  readonly name?: string;
  /** Input column: open | high | low | close | volume (default close). */
  readonly column?: string;
  readonly window?: number;
  readonly periods?: number;
  readonly fast?: number;
  readonly slow?: number;
  readonly signal?: number;
  /** Bollinger: band width in standard deviations (default 2). */
  readonly k?: number;
  /** volatility: multiply by sqrt(annualization) (e.g. 252); default none. */
  readonly annualization?: number;
  /** correlation: the symbol to correlate with (default: the equal-weight market return). */
  readonly with?: string;
}

/** One bar as the incremental indicators consume it. */
export interface BarInput {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * The bar-by-bar form of an indicator: feed bars in time order; each update
 * returns the indicator's outputs at that bar (NaN while warming up), equal to
 * the batch values on the same data (to floating-point rounding, < 1e-9 relative).
 */
export interface IncrementalIndicator {
  update(bar: BarInput): Float64Array;
}

/** A per-symbol indicator: batch polars expressions plus an incremental state machine. */
export interface SeriesFeatureDefinition {
  readonly kind: "series";
  readonly type: string;
  /** Output suffixes after the feature name ("" = the name itself). */
  outputs(spec: FeatureSpec): readonly string[];
  /** One expression per output over a single symbol's bars, in output order. `__i` is the bar index. */
  expressions(spec: FeatureSpec): pl.Expr[];
  incremental(spec: FeatureSpec): IncrementalIndicator;
  /**
   * Optional typed-array kernel with the same values as `expressions` (to
   * floating-point rounding, checked by test/data/features-kernels.test.ts):
   * one array per output over one symbol's bars. computeFeatures uses it to
   * skip the copies into and out of polars; the expressions stay the declared form.
   */
  batch?(spec: FeatureSpec, bars: SeriesBars): Float64Array[];
  defaultName(spec: FeatureSpec): string;
}

/**
 * A cross-sectional indicator (needs every symbol at each bar): computed on
 * the aligned panel's typed arrays, with its incremental form taking one bar
 * per symbol.
 */
export interface PanelFeatureDefinition {
  readonly kind: "panel";
  readonly type: string;
  outputs(spec: FeatureSpec): readonly string[];
  /** values[output][symbol][t] for the panel's close prices (trailing windows only). */
  compute(
    spec: FeatureSpec,
    close: readonly Float64Array[],
    symbols: readonly string[],
  ): Float64Array[][];
  incremental(spec: FeatureSpec, symbols: readonly string[]): PanelIncrementalIndicator;
  defaultName(spec: FeatureSpec): string;
}

export interface PanelIncrementalIndicator {
  /** Closes of every symbol at one bar → outputs[output][symbol]. */
  update(closes: Float64Array): Float64Array[];
}

export type FeatureDefinition = SeriesFeatureDefinition | PanelFeatureDefinition;
