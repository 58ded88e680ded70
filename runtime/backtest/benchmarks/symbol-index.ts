import { specError } from "../../core/spec-error.js";
import type { SpecLocation } from "../../core/spec-location.js";
import { didYouMean } from "../../core/suggest.js";
import { benchmarkMessages } from "../../messages/benchmark.js";

/** Panel index of a benchmark's symbol; a spec error with a did-you-mean at `loc` when it is not in the data. */
export function benchmarkSymbolIndex(
  symbols: readonly string[],
  symbol: string,
  loc: SpecLocation,
): number {
  const index = symbols.indexOf(symbol);
  if (index >= 0) return index;
  throw specError(
    loc,
    benchmarkMessages.unknownSymbol(symbol, didYouMean(symbol, symbols), symbols),
    benchmarkMessages.unknownSymbolHint(symbols),
  );
}
