/**
 * A kind of benchmark (`backtest.benchmark.type`): how its equity curve is
 * made over the backtest's segment. Every kind is causal: the value at bar t
 * uses data up to t only.
 */
import type { SpecLocation } from "../../core/spec-location.js";
import type { BarRange, OhlcvPanel } from "../../contracts/panel.js";
import type { BenchmarkSpec } from "../../spec/types.generated.js";
import type { VectorizedResult } from "../vectorized/engine.js";
import type { BenchmarkFileSeries } from "./file-series.js";

export type BenchmarkOf<T extends BenchmarkSpec["type"]> = Extract<BenchmarkSpec, { type: T }>;

/** What a benchmark is made from: the data, the segment, and the backtest's engine and costs. */
export interface BenchmarkContext {
  readonly panel: OhlcvPanel;
  readonly range: BarRange;
  readonly cash: number;
  /** Target weights backtested with the section's costs and fills (held; re-traded only on change). */
  readonly hold: (weights: Float64Array[]) => VectorizedResult;
  /** A fixed mix re-traded by the decisions of the flagged bars; undefined with an instrument. */
  readonly rebalanced?: (weights: Float64Array[], rebalanceAt: Uint8Array) => VectorizedResult;
  /** A `file` benchmark's series, loaded before the (synchronous) backtest. */
  readonly file?: BenchmarkFileSeries;
  /** The benchmark section's place in the spec. */
  readonly loc: SpecLocation;
}

export interface BenchmarkKind<S extends BenchmarkSpec = BenchmarkSpec> {
  readonly type: S["type"];
  /** Checks that need no data (spec errors at `loc`, the benchmark section). */
  check?(section: S, loc: SpecLocation, context: { readonly instrument: boolean }): void;
  /** The name the report and the logs show for it. */
  name(section: S): string;
  /** The benchmark's curve over the segment (spec errors for data problems at `ctx.loc`). */
  run(section: S, ctx: BenchmarkContext): VectorizedResult;
}

/** A benchmark kind for one `type`, taking any benchmark section (it checks the type). */
export function defineBenchmark<T extends BenchmarkSpec["type"]>(
  type: T,
  kind: Omit<BenchmarkKind<BenchmarkOf<T>>, "type">,
): BenchmarkKind {
  const own = (section: BenchmarkSpec): BenchmarkOf<T> => {
    if (section.type !== type) throw new Error(`benchmark ${type} was given a ${section.type}`);
    return section as BenchmarkOf<T>;
  };
  return {
    type,
    ...(kind.check
      ? {
          check: (section, loc, context) => kind.check!(own(section), loc, context),
        }
      : {}),
    name: (section) => kind.name(own(section)),
    run: (section, ctx) => kind.run(own(section), ctx),
  };
}
