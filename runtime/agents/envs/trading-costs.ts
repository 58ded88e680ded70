/**
 * The cost of trades inside the trading environments. The stage builds it
 * from the backtest cost section (the backtest engine's cost model) so that
 * training and backtest charge the same; `proportionalCosts` is the plain
 * percent-of-notional model used when no cost section is given.
 */
export interface TradingCosts {
  /** Cost in account currency of trading `shares` (signed) of `symbol` at `price` on `bar`. */
  cost(symbol: number, bar: number, shares: number, price: number): number;
}

export function proportionalCosts(rate: number): TradingCosts {
  if (!(rate >= 0)) throw new RangeError(`cost rate must be ≥ 0, got ${rate}`);
  return { cost: (_symbol, _bar, shares, price) => rate * Math.abs(shares * price) };
}

/** Cost as a fraction of equity of moving `deltaWeight` of an `equity` into `symbol` at `price`. */
export function weightCost(
  costs: TradingCosts,
  symbol: number,
  bar: number,
  deltaWeight: number,
  equity: number,
  price: number,
): number {
  if (deltaWeight === 0 || equity <= 0) return 0;
  const shares = (deltaWeight * equity) / price;
  return costs.cost(symbol, bar, shares, price) / equity;
}
