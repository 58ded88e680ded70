/** Messages of the backtest's benchmark (`backtest.benchmark`). */
const list = (items: readonly string[]): string => items.join(", ");

export const benchmarkMessages = {
  unknownSymbol: (symbol: string, suggestion: string | undefined, valid: readonly string[]) =>
    `benchmark symbol "${symbol}" is not in the data` +
    (suggestion ? `; did you mean "${suggestion}"?` : "") +
    `; symbols: ${list(valid)}`,
  unknownSymbolHint: (valid: readonly string[]) => `name one of the data's symbols: ${list(valid)}`,
  weightsAboveOne: (sum: number) =>
    `the fixed mix's weights sum to ${sum}; they may sum to at most 1 (the rest is cash)`,
  weightsAboveOneHint: () => "e.g. weights: { SPY: 0.6, AGG: 0.4 }",
  mixWithInstrument: () =>
    "a fixed_mix benchmark cannot trade backtest.instrument (one contract); use buy_and_hold, symbol or file",
  fileNotLoaded: (file: string) =>
    `the benchmark file ${file} was not loaded: load it with loadBenchmarkFile and pass it to runBacktestSection`,
  fileTooShort: (file: string) => `the benchmark file ${file} has no rows`,
  fileStartsLate: (file: string, first: string, start: string) =>
    `the benchmark file ${file} starts on ${first}, after the backtest's first bar ${start}`,
  fileStartsLateHint: () =>
    "the file needs a value at or before the segment's first bar (the benchmark starts there)",
  fileNotIncreasing: (file: string, line: number) =>
    `the benchmark file ${file}: line ${line} is not later than the line before (dates must increase)`,
  fileBadValue: (file: string, line: number, values: string) =>
    values === "price"
      ? `the benchmark file ${file}: line ${line} has a price that is not positive`
      : `the benchmark file ${file}: line ${line} has a return that is not above -1`,
  fileInSweep: () =>
    "a file benchmark is not available in sweeps yet; sweeps measure against buy_and_hold, symbol or fixed_mix",
  fixedMixName: (parts: string, rebalance: string) => `${parts}, ${rebalance}`,
} as const;
