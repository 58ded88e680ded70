/**
 * `backtest.benchmark` as written (`buy_and_hold`, `none` or an object) →
 * the benchmark section, checked, and its curve for a backtest.
 */
import type { SpecLocation } from "../../core/spec-location.js";
import type { BacktestSpec, BenchmarkSpec } from "../../spec/types.generated.js";
import type { VectorizedResult } from "../vectorized/engine.js";
import type { BenchmarkContext } from "./benchmark-kind.js";
import { createBenchmarkRegistry } from "./registry.js";

/** The benchmark section of `backtest.benchmark` (the `buy_and_hold` shorthand expanded), or undefined for `none`. */
export function benchmarkSection(value: BacktestSpec["benchmark"]): BenchmarkSpec | undefined {
  if (value === "none") return undefined;
  if (value === "buy_and_hold") return { type: "buy_and_hold" };
  return value;
}

/** The checks of a benchmark that need no data, at `loc` (the backtest's `/benchmark`). */
export function checkBenchmark(
  section: BenchmarkSpec | undefined,
  loc: SpecLocation,
  context: { readonly instrument: boolean },
): void {
  if (section) createBenchmarkRegistry().get(section.type).check?.(section, loc, context);
}

/** The benchmark's name and curve over the segment. */
export function runBenchmark(
  section: BenchmarkSpec,
  ctx: BenchmarkContext,
): { readonly name: string; readonly result: VectorizedResult } {
  const kind = createBenchmarkRegistry().get(section.type);
  return { name: kind.name(section), result: kind.run(section, ctx) };
}
