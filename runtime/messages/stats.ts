/** Messages of the statistics and derivatives modules (runtime/stats, runtime/backtest/stats, runtime/backtest/derivatives). */
export const statsMessages = {
  lengthMismatch: (name: string, length: number, expected: number) =>
    `${name} has ${length} values for ${expected} timestamps; every series must have one value per bar`,
  noBars: () => "statistics need at least one bar (timestamps and equity are empty)",
  planMismatch: () =>
    "the statistics plan was made for other timestamps, closes, benchmark or settings than this input (make one with statisticsPlan(input))",
  riskFreeRateRange: (rate: number) =>
    `riskFreeRate must be an annual fraction in (-1, 1), e.g. 0.02 for 2%; got ${rate}`,
  windowSize: (window: number, least: number) =>
    `rolling window must be an integer >= ${least}, got ${window}`,
  benchmarkLength: (length: number, expected: number) =>
    `benchmark has ${length} returns for ${expected} strategy returns`,
  optionInput: (field: string, value: number, rule: string) =>
    `option ${field} must be ${rule}; got ${value}`,
  impliedVolNoSolution: (price: number, lower: number, upper: number) =>
    `no implied volatility reproduces price ${price}: it must lie between ${lower} and ${upper} (the no-arbitrage bounds)`,
  futuresInput: (field: string, value: number, rule: string) =>
    `futures ${field} must be ${rule}; got ${value}`,
  marginCall: (day: string, equity: number, maintenance: number, topUp: number) =>
    `${day}: margin call — account equity ${equity.toFixed(2)} is below maintenance margin ${maintenance.toFixed(2)}; deposit ${topUp.toFixed(2)} to restore initial margin`,
  noContractForDate: (day: string) => `the roll schedule has no contract to hold on ${day}`,
  unknownPosition: (id: string) => `no open option position "${id}"`,
} as const;
