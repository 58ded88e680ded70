/**
 * A trade's return net of its commissions (backtesting.py ≥ 0.6.5,
 * `Trade.pl_pct`, backtesting/backtesting.py): the price return in the
 * trade's direction minus the commissions of both legs as a fraction of the
 * entry value,
 *
 *   sign(size) · (exit / entry − 1) − commission / (|size| · entry).
 *
 * Every engine builds `Trade.returnPct` with it, so the trades table, the
 * trade statistics and backtesting.py's `_trades.ReturnPct` agree. 0 when the
 * entry value is not positive (nothing was paid to enter).
 */
export function netTradeReturn(
  size: number,
  entryPrice: number,
  exitPrice: number,
  commission: number,
): number {
  const entryValue = Math.abs(size) * entryPrice;
  if (!(entryValue > 0)) return 0;
  return Math.sign(size) * (exitPrice / entryPrice - 1) - commission / entryValue;
}
