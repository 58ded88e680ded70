import type { Trade } from "../../contracts/portfolio.js";
import { max, mean, min, std } from "../../stats/moments.js";
import { geometricMeanReturn, safeDiv } from "./python-conventions.js";
import { StatisticsScratch } from "./statistics-scratch.js";

/** backtesting.py's trade statistics (definitions in docs/statistics.md). */
export interface TradeStatistics {
  tradeCount: number;
  winRate: number;
  bestTrade: number;
  worstTrade: number;
  avgTrade: number;
  maxTradeDuration: number;
  avgTradeDuration: number;
  profitFactor: number;
  expectancy: number;
  sqn: number;
  kellyCriterion: number;
}

/** The trade statistics of closed trades; `scratch` holds their per-trade figures (allocated when not given). */
export function tradeStatistics(
  trades: readonly Trade[],
  scratch: StatisticsScratch = new StatisticsScratch(),
): TradeStatistics {
  const n = trades.length;
  // Five columns of n values: pnl, returns, durations, the winning and the losing pnl.
  const values = scratch.tradeValues(n);
  const pnl = values.subarray(0, n);
  const returns = values.subarray(n, 2 * n);
  const durations = values.subarray(2 * n, 3 * n);
  let winCount = 0;
  let lossCount = 0;
  for (let i = 0; i < n; i++) {
    const t = trades[i]!;
    pnl[i] = t.pnl;
    returns[i] = t.returnPct;
    durations[i] = t.exitTime - t.entryTime;
  }
  const wins = values.subarray(3 * n, 4 * n);
  const losses = values.subarray(4 * n, 5 * n);
  for (let i = 0; i < n; i++) {
    const p = pnl[i]!;
    if (p > 0) wins[winCount++] = p;
    else if (p < 0) losses[lossCount++] = p;
  }
  const winRate = n === 0 ? Number.NaN : winCount / n;
  let gain = 0;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    if (r > 0) gain += r;
    else if (r < 0) loss += r;
  }
  const avgWin = mean(wins.subarray(0, winCount));
  const avgLoss = -mean(losses.subarray(0, lossCount));
  return {
    tradeCount: n,
    winRate,
    bestTrade: max(returns),
    worstTrade: min(returns),
    avgTrade: n === 0 ? Number.NaN : geometricMeanReturn(returns),
    maxTradeDuration: max(durations),
    avgTradeDuration: mean(durations),
    profitFactor: safeDiv(gain, Math.abs(loss)),
    expectancy: mean(returns),
    sqn: safeDiv(Math.sqrt(n) * mean(pnl), std(pnl)),
    kellyCriterion: winRate - (1 - winRate) / (avgWin / avgLoss),
  };
}

/**
 * backtesting.py ≥ 0.6.5's `Commissions [$]`: the commissions of the closed
 * trades passed in (both legs of each), Σ `trade.commission`. Fees of a trade
 * still open at the end are in the equity but not here.
 */
export function closedTradeCommissions(trades: readonly Trade[]): number {
  let total = 0;
  for (const t of trades) total += t.commission;
  return total;
}

/** Share of bars covered by a trade, [entryBar, exitBar] inclusive (backtesting.py's exposure time). */
export function tradeExposureTime(trades: readonly Trade[], bars: number): number {
  if (bars === 0) return Number.NaN;
  const covered = new Uint8Array(bars);
  for (const t of trades) {
    const to = Math.min(bars - 1, t.exitBar);
    for (let b = Math.max(0, t.entryBar); b <= to; b++) covered[b] = 1;
  }
  let count = 0;
  for (let b = 0; b < bars; b++) count += covered[b]!;
  return count / bars;
}
