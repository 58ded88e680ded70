/** Checks shared by the instrument backtests: which symbol is traded, weights shape, range, prices. */
import { UserError } from "../../core/errors.js";
import { didYouMean } from "../../core/suggest.js";
import type { BarRange, OhlcvPanel } from "../../contracts/panel.js";
import { derivativesMessages } from "../../messages/derivatives.js";

function userError(message: string, path: string, hint?: string): UserError {
  return new UserError(message, [
    { file: "", path, message, severity: "error", ...(hint ? { hint } : {}) },
  ]);
}

/** Panel index of the instrument's symbol (the only symbol when none is named). */
export function instrumentSymbolIndex(
  panel: Pick<OhlcvPanel, "symbols">,
  symbol: string | undefined,
  path = "/backtest/instrument",
): number {
  const symbols = panel.symbols;
  if (symbol === undefined) {
    if (symbols.length === 1) return 0;
    throw userError(derivativesMessages.symbolRequired(symbols), `${path}/symbol`);
  }
  const index = symbols.indexOf(symbol);
  if (index < 0) {
    const suggestion = didYouMean(symbol, symbols);
    throw userError(
      derivativesMessages.unknownSymbol(symbol, suggestion, symbols),
      `${path}/symbol`,
    );
  }
  return index;
}

/** The simulated range, checked against the panel and the weights. */
export function checkedRange(
  panel: OhlcvPanel,
  weights: readonly Float64Array[],
  range: BarRange | undefined,
): BarRange {
  if (weights.length !== panel.symbols.length)
    throw userError(
      derivativesMessages.weightsShape(weights.length, panel.symbols.length),
      "/signal",
    );
  const r = range ?? { start: 0, end: panel.timestamps.length };
  if (r.end - r.start <= 0 || r.start < 0 || r.end > panel.timestamps.length)
    throw new RangeError(derivativesMessages.emptyRange(r.start, r.end));
  return r;
}

/** Throws a UserError when a price the engine uses is not positive. */
export function checkPositivePrices(panel: OhlcvPanel, s: number, range: BarRange): void {
  for (const series of [panel.open[s]!, panel.close[s]!]) {
    for (let t = range.start; t < range.end; t++) {
      const p = series[t]!;
      if (!(p > 0)) {
        const day = new Date(panel.timestamps[t]!).toISOString().slice(0, 10);
        throw userError(derivativesMessages.nonPositivePrice(panel.symbols[s]!, day, p), "/data");
      }
    }
  }
}

export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
