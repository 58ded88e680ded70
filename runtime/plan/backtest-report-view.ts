import type { BacktestOutcome } from "../backtest/outcome.js";
import type { BacktestReportView } from "../report/inputs/backtest-view.js";

/** What the tear sheet reads of the backtest stage's output: the strategy against its benchmark. */
export function backtestReportView(outcome: BacktestOutcome): BacktestReportView {
  const { strategy, benchmark } = outcome;
  return {
    timestamps: strategy.timestamps,
    equity: strategy.equity,
    symbols: outcome.symbols,
    trades: strategy.trades,
    riskEvents: outcome.riskEvents,
    statistics: strategy.statistics,
    name: strategy.name,
    ...(benchmark
      ? {
          benchmark: {
            name: benchmark.name,
            equity: benchmark.equity,
            statistics: benchmark.statistics,
          },
        }
      : {}),
  };
}
