import type { Trade } from "../../contracts/portfolio.js";

/**
 * What a backtest traded besides its closed round trips. A weights-based
 * portfolio that rebalances every bar but never goes flat closes no trade
 * (`tradeCount` 0, backtesting.py's definition) while paying commissions on
 * every rebalance: these figures say so.
 */
export interface ActivityStatistics {
  /** Fills executed (one per symbol and bar traded), rebalances of open positions included. */
  orderCount: number;
  /** Round trips still open at the last bar (marked at its close, not in the trade statistics). */
  openTradeCount: number;
  /** Commissions charged on every fill, closed or open trades, rebalances included. */
  feesPaid: number;
}

/** What `activityStatistics` reads; each figure is NaN when its input is not given. */
export interface ActivityInput {
  readonly fills?: number;
  readonly openTrades?: readonly Trade[];
  readonly fees?: number;
}

export function activityStatistics(input: ActivityInput): ActivityStatistics {
  return {
    orderCount: input.fills ?? Number.NaN,
    openTradeCount: input.openTrades?.length ?? Number.NaN,
    feesPaid: input.fees ?? Number.NaN,
  };
}

/**
 * Fills inferred from the held quantities (`positions[s][i]` at each close,
 * flat before the first bar): one per symbol and bar whose quantity changed.
 * For engines that do not count their fills; a position opened and closed
 * within one bar is not seen.
 */
export function positionChanges(positions: readonly ArrayLike<number>[]): number {
  let count = 0;
  for (const series of positions) {
    let before = 0;
    for (let i = 0; i < series.length; i++) {
      const now = series[i]!;
      if (now !== before) count++;
      before = now;
    }
  }
  return count;
}
