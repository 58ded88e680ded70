/** The benchmark kinds: equal-weight buy and hold, one symbol, a fixed mix, a file. */
import { specError } from "../../core/spec-error.js";
import { benchmarkMessages } from "../../messages/benchmark.js";
import { childPointer } from "../../spec/pointer.js";
import type { BenchmarkFixedMix } from "../../spec/types.generated.js";
import type { VectorizedResult } from "../vectorized/engine.js";
import { defineBenchmark } from "./benchmark-kind.js";
import { benchmarkFileEquity } from "./file-series.js";
import { rebalanceBars } from "./rebalance-schedule.js";
import { benchmarkSymbolIndex } from "./symbol-index.js";

/** Constant target weights per symbol over the panel's bars. */
function constantWeights(length: number, weights: readonly number[]): Float64Array[] {
  return weights.map((w) => new Float64Array(length).fill(w));
}

export const buyAndHoldBenchmark = defineBenchmark("buy_and_hold", {
  name: () => "buy_and_hold",
  run: (_section, ctx) => {
    const n = ctx.panel.symbols.length;
    return ctx.hold(constantWeights(ctx.panel.timestamps.length, Array(n).fill(1 / n)));
  },
});

export const symbolBenchmark = defineBenchmark("symbol", {
  name: (section) => section.symbol,
  run: (section, ctx) => {
    const s = benchmarkSymbolIndex(ctx.panel.symbols, section.symbol, ctx.loc.at("/symbol"));
    const weights = ctx.panel.symbols.map((_, i) => (i === s ? 1 : 0));
    return ctx.hold(constantWeights(ctx.panel.timestamps.length, weights));
  },
});

/** A fixed mix's (symbol, weight) pairs, in the order written. */
function mixEntries(weights: BenchmarkFixedMix["weights"]): [string, number][] {
  return Object.entries(weights).flatMap(([symbol, w]) =>
    w === undefined ? [] : [[symbol, w] as [string, number]],
  );
}

/** Weights above 1 in total are refused (a tolerance for decimal fractions such as 0.1 + 0.2 + 0.7). */
const SUM_TOLERANCE = 1e-9;

export const fixedMixBenchmark = defineBenchmark("fixed_mix", {
  check: (section, loc, context) => {
    if (context.instrument) throw specError(loc.at("/type"), benchmarkMessages.mixWithInstrument());
    const sum = mixEntries(section.weights).reduce((a, [, w]) => a + w, 0);
    if (sum > 1 + SUM_TOLERANCE)
      throw specError(
        loc.at("/weights"),
        benchmarkMessages.weightsAboveOne(sum),
        benchmarkMessages.weightsAboveOneHint(),
      );
  },
  name: (section) =>
    benchmarkMessages.fixedMixName(
      mixEntries(section.weights)
        .map(([symbol, w]) => `${symbol} ${Math.round(w * 1000) / 10}%`)
        .join(" / "),
      section.rebalance,
    ),
  run: (section, ctx) => {
    const { panel } = ctx;
    const weights = panel.symbols.map(() => 0);
    for (const [symbol, w] of mixEntries(section.weights)) {
      weights[
        benchmarkSymbolIndex(panel.symbols, symbol, ctx.loc.at(childPointer("/weights", symbol)))
      ] = w;
    }
    if (!ctx.rebalanced)
      throw specError(ctx.loc.at("/type"), benchmarkMessages.mixWithInstrument());
    return ctx.rebalanced(
      constantWeights(panel.timestamps.length, weights),
      rebalanceBars(panel.timestamps, ctx.range, section.rebalance),
    );
  },
});

export const fileBenchmark = defineBenchmark("file", {
  name: (section) => section.path,
  run: (section, ctx): VectorizedResult => {
    if (!ctx.file)
      throw specError(ctx.loc.at("/path"), benchmarkMessages.fileNotLoaded(section.path));
    const { panel, range } = ctx;
    const timestamps = panel.timestamps.subarray(range.start, range.end);
    const len = timestamps.length;
    const zeros = () => panel.symbols.map(() => new Float64Array(len));
    return {
      range,
      timestamps,
      equity: benchmarkFileEquity(ctx.file, timestamps, ctx.cash, ctx.loc),
      cash: new Float64Array(len),
      positions: zeros(),
      exposure: new Float64Array(len).fill(1),
      symbolPnl: zeros(),
      costs: new Float64Array(len),
      commissions: 0,
      frictions: 0,
      turnover: 0,
      trades: [],
      openTrades: [],
      riskEvents: [],
    };
  },
});
