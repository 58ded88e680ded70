/**
 * npm run bench -- stats
 * Throughput of computeStatistics (every backtesting.py + QuantStats key) on
 * the SmaCross(10, 20) GOOG equity curve (2,148 daily bars, 93 trades), and
 * of the Black–Scholes price / implied volatility.
 */
import { performance } from "node:perf_hooks";
import { bsmPrice, impliedVolatility } from "../runtime/backtest/derivatives/index.js";
import { computeCoreStatistics, computeStatistics } from "../runtime/backtest/stats/index.js";
import { runSmaCross } from "../test/backtest/stats/smacross-reference.js";
import { readOhlcvCsv } from "../test/support/csv-panel.js";

function timeIt(label: string, iterations: number, fn: () => unknown): number {
  for (let i = 0; i < Math.min(50, iterations); i++) fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  const ms = performance.now() - t0;
  const perSecond = (iterations / ms) * 1000;
  console.log(
    `${label}: ${iterations} in ${ms.toFixed(1)} ms → ${perSecond.toFixed(0)}/s (${((ms / iterations) * 1000).toFixed(1)} µs each)`,
  );
  return perSecond;
}

const panel = readOhlcvCsv("goog_daily_2004_2013_backtestingpy.csv", "GOOG");
const run = runSmaCross(panel, {
  fast: 10,
  slow: 20,
  cash: 10_000,
  commission: 0.002,
  closeAtEnd: false,
});
const input = {
  timestamps: panel.timestamps,
  equity: run.equity,
  trades: run.trades,
  commissions: run.commissions,
  closes: panel.close[0]!,
};
console.log(`GOOG SmaCross: ${panel.timestamps.length} bars, ${run.trades.length} trades`);
const statsPerSecond = timeIt("computeStatistics (all keys, with benchmark)", 1000, () =>
  computeStatistics(input),
);
const coreStatsPerSecond = timeIt("computeCoreStatistics (backtesting.py's table)", 2000, () =>
  computeCoreStatistics(input),
);

const option = {
  type: "call" as const,
  spot: 42,
  strike: 40,
  rate: 0.1,
  volatility: 0.2,
  timeToExpiry: 0.5,
};
const pricesPerSecond = timeIt("bsmPrice", 1_000_000, () => bsmPrice(option));
const ivPerSecond = timeIt("impliedVolatility", 100_000, () =>
  impliedVolatility({ type: "call", spot: 21, strike: 20, rate: 0.1, timeToExpiry: 0.25 }, 1.875),
);

console.log(
  JSON.stringify({
    statisticsPerSecond: Math.round(statsPerSecond),
    statisticsMsEach: Number((1000 / statsPerSecond).toFixed(4)),
    coreStatisticsPerSecond: Math.round(coreStatsPerSecond),
    coreStatisticsMsEach: Number((1000 / coreStatsPerSecond).toFixed(4)),
    bsmPricesPerSecond: Math.round(pricesPerSecond),
    impliedVolatilitiesPerSecond: Math.round(ivPerSecond),
  }),
);
