import type { Trade } from "../../contracts/portfolio.js";
import { max, mean, min, std } from "../../stats/moments.js";
import { geometricMeanReturn, safeDiv } from "./python-conventions.js";

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

export function tradeStatistics(trades: readonly Trade[]): TradeStatistics {
  const n = trades.length;
  const pnl = trades.map((t) => t.pnl);
  const returns = trades.map((t) => t.returnPct);
  const durations = trades.map((t) => t.exitTime - t.entryTime);
  const wins = pnl.filter((p) => p > 0);
  const losses = pnl.filter((p) => p < 0);
  const winRate = n === 0 ? Number.NaN : wins.length / n;
  let gain = 0;
  let loss = 0;
  for (const r of returns) {
    if (r > 0) gain += r;
    else if (r < 0) loss += r;
  }
  const avgWin = mean(wins);
  const avgLoss = -mean(losses);
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
