import type pl from "nodejs-polars";
import type { SpecLocation } from "../../core/spec-location.js";
import type { FeaturesSma, FeaturesSpec } from "../../spec/types.generated.js";
import type { SeriesBars } from "./batch-helpers.js";

/** One entry of the spec's `features:` list, normalized (features.schema.json; defaults filled). */
export type FeatureSpec = FeaturesSpec[number];
export type FeatureType = FeatureSpec["type"];
/** The spec of one feature type (`FeatureOf<"rsi">` is FeaturesRsi). */
export type FeatureOf<T extends FeatureType> = Extract<FeatureSpec, { readonly type: T }>;
/** The bar column a feature reads (its `column:`). */
export type InputColumn = FeaturesSma["column"];

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

/** A per-symbol indicator of spec type `S`: batch polars expressions plus an incremental state machine. */
export interface SeriesFeatureDefinition<S extends FeatureSpec = FeatureSpec> {
  readonly kind: "series";
  readonly type: S["type"];
  /**
   * How many bars (bar t included) the value at t reads, or null for infinite
   * memory (exponential / Wilder smoothing, cumulative sums: the value depends
   * on every bar since the first). Serving uses it to say how many bars a
   * prediction needs; test/data/features-lookback.test.ts checks it on data.
   */
  lookback(spec: S): number | null;
  /** Output suffixes after the feature name ("" = the name itself). */
  outputs(spec: S): readonly string[];
  /** One expression per output over a single symbol's bars, in output order. `__i` is the bar index. */
  expressions(spec: S): pl.Expr[];
  incremental(spec: S): IncrementalIndicator;
  /**
   * Optional typed-array kernel with the same values as `expressions` (to
   * floating-point rounding, checked by test/data/features-kernels.test.ts):
   * one array per output over one symbol's bars. computeFeatures uses it to
   * skip the copies into and out of polars; the expressions stay the declared form.
   */
  batch?(spec: S, bars: SeriesBars): Float64Array[];
  defaultName(spec: S): string;
}

/**
 * A cross-sectional indicator of spec type `S` (needs every symbol at each
 * bar): computed on the aligned panel's typed arrays, with its incremental
 * form taking one bar per symbol.
 */
export interface PanelFeatureDefinition<S extends FeatureSpec = FeatureSpec> {
  readonly kind: "panel";
  readonly type: S["type"];
  /**
   * How many bars (bar t included) the value at t reads, or null for infinite
   * memory (exponential / Wilder smoothing, cumulative sums: the value depends
   * on every bar since the first). Serving uses it to say how many bars a
   * prediction needs; test/data/features-lookback.test.ts checks it on data.
   */
  lookback(spec: S): number | null;
  outputs(spec: S): readonly string[];
  /**
   * values[output][symbol][t] for the panel's close prices (trailing windows
   * only). `loc` is the feature's place in the spec (errors about its keys).
   */
  compute(
    spec: S,
    close: readonly Float64Array[],
    symbols: readonly string[],
    loc: SpecLocation,
  ): Float64Array[][];
  incremental(spec: S, symbols: readonly string[], loc: SpecLocation): PanelIncrementalIndicator;
  defaultName(spec: S): string;
}

export interface PanelIncrementalIndicator {
  /** Closes of every symbol at one bar → outputs[output][symbol]. */
  update(closes: Float64Array): Float64Array[];
}

/** A series feature bound to its spec: what the batch and incremental computations run. */
export interface BoundSeriesFeature {
  readonly kind: "series";
  readonly outputs: readonly string[];
  readonly defaultName: string;
  /** Bars the value at t reads (bar t included); null: infinite memory. */
  readonly lookback: number | null;
  expressions(): pl.Expr[];
  incremental(): IncrementalIndicator;
  readonly batch: ((bars: SeriesBars) => Float64Array[]) | undefined;
}

/** A panel feature bound to its spec. */
export interface BoundPanelFeature {
  readonly kind: "panel";
  readonly outputs: readonly string[];
  readonly defaultName: string;
  /** Bars the value at t reads (bar t included); null: infinite memory. */
  readonly lookback: number | null;
  compute(close: readonly Float64Array[], symbols: readonly string[]): Float64Array[][];
  incremental(symbols: readonly string[]): PanelIncrementalIndicator;
}

export type BoundFeature = BoundSeriesFeature | BoundPanelFeature;

/**
 * What the feature registry holds: the definition of one type, which binds a
 * spec of that type (runtime/data/features/define-feature.ts).
 */
export interface FeatureDefinition {
  readonly kind: "series" | "panel";
  readonly type: FeatureType;
  /**
   * The definition applied to `spec` (written at `loc` in the spec);
   * undefined when `spec` is of another type.
   */
  bind(spec: FeatureSpec, loc: SpecLocation): BoundFeature | undefined;
}
