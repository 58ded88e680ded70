/** Messages of the instrument backtests (runtime/backtest/derivatives: futures and options from specs). */
export const derivativesMessages = {
  unknownInstrument: (type: string, suggestion: string | undefined, valid: readonly string[]) =>
    `unknown instrument type "${type}"` +
    (suggestion ? `; did you mean "${suggestion}"?` : "") +
    `; valid types: ${valid.join(", ")}`,
  instrumentField: (field: string, value: unknown, rule: string) =>
    `instrument ${field} must be ${rule}; got ${JSON.stringify(value)}`,
  maintenanceAboveInitial: (maintenance: number, initial: number) =>
    `maintenance_margin ${maintenance} is above initial_margin ${initial}; the maintenance margin is the lower threshold that triggers a margin call`,
  maintenanceHint: (initial: number) =>
    `set maintenance_margin to at most ${initial} (exchanges use about 90% of the initial margin)`,
  unknownSymbol: (symbol: string, suggestion: string | undefined, valid: readonly string[]) =>
    `instrument symbol "${symbol}" is not in the data` +
    (suggestion ? `; did you mean "${suggestion}"?` : "") +
    `; symbols: ${valid.join(", ")}`,
  symbolRequired: (valid: readonly string[]) =>
    `the data has ${valid.length} symbols; name the one the instrument trades with \`symbol:\` (one of ${valid.join(", ")})`,
  weightsShape: (length: number, expected: number) =>
    `the signal has weights for ${length} symbols, the data ${expected}`,
  emptyRange: (start: number, end: number) => `empty backtest range [${start}, ${end})`,
  nonPositivePrice: (symbol: string, day: string, price: number) =>
    `${symbol} has a non-positive price ${price} on ${day}; futures and options need positive prices`,
  orderReduced: (day: string, wanted: number, filled: number, balance: number) =>
    `${day}: the margin balance ${balance.toFixed(2)} covers ${filled} of the ${wanted} contracts wanted; the order was reduced`,
  liquidated: (day: string, contracts: number) =>
    `${day}: margin call not met, ${contracts} contract(s) liquidated at the settlement price`,
  rollReduced: (day: string, from: string, to: string, held: number, rolled: number) =>
    `${day}: the margin balance covers the initial margin of ${rolled} of the ${held} contracts rolled from ${from} into ${to}; the rest were closed`,
} as const;
