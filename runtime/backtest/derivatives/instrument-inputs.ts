/** Checks shared by the instrument backtests: which symbol is traded, weights shape, range, prices. */
import { specError } from "../../core/spec-error.js";
import { type SpecLocation, specLocation } from "../../core/spec-location.js";
import { didYouMean } from "../../core/suggest.js";
import type { BarRange, OhlcvPanel } from "../../contracts/panel.js";
import { derivativesMessages } from "../../messages/derivatives.js";
import { defaultInstrumentLocation } from "./instrument-location.js";

/** The top-level section `key` of the spec `loc` is in (the data, the signal). */
function sectionOf(loc: SpecLocation, key: string): SpecLocation {
  return specLocation(loc.file, loc.locate).at(`/${key}`);
}

/** Panel index of the instrument's symbol (the only symbol when none is named); `loc`: the instrument's place. */
export function instrumentSymbolIndex(
  panel: Pick<OhlcvPanel, "symbols">,
  symbol: string | undefined,
  loc: SpecLocation = defaultInstrumentLocation(),
): number {
  const symbols = panel.symbols;
  if (symbol === undefined) {
    if (symbols.length === 1) return 0;
    throw specError(loc.at("/symbol"), derivativesMessages.symbolRequired(symbols));
  }
  const index = symbols.indexOf(symbol);
  if (index < 0) {
    const suggestion = didYouMean(symbol, symbols);
    throw specError(
      loc.at("/symbol"),
      derivativesMessages.unknownSymbol(symbol, suggestion, symbols),
    );
  }
  return index;
}

/** The simulated range, checked against the panel and the weights. */
export function checkedRange(
  panel: OhlcvPanel,
  weights: readonly Float64Array[],
  range: BarRange | undefined,
  loc: SpecLocation = defaultInstrumentLocation(),
): BarRange {
  if (weights.length !== panel.symbols.length)
    throw specError(
      sectionOf(loc, "signal"),
      derivativesMessages.weightsShape(weights.length, panel.symbols.length),
    );
  const r = range ?? { start: 0, end: panel.timestamps.length };
  if (r.end - r.start <= 0 || r.start < 0 || r.end > panel.timestamps.length)
    throw new RangeError(derivativesMessages.emptyRange(r.start, r.end));
  return r;
}

/** Throws a UserError (at the spec's `/data`) when a price the engine uses is not positive. */
export function checkPositivePrices(
  panel: OhlcvPanel,
  s: number,
  range: BarRange,
  loc: SpecLocation = defaultInstrumentLocation(),
): void {
  for (const series of [panel.open[s]!, panel.close[s]!]) {
    for (let t = range.start; t < range.end; t++) {
      const p = series[t]!;
      if (!(p > 0)) {
        const day = new Date(panel.timestamps[t]!).toISOString().slice(0, 10);
        throw specError(
          sectionOf(loc, "data"),
          derivativesMessages.nonPositivePrice(panel.symbols[s]!, day, p),
        );
      }
    }
  }
}

export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
