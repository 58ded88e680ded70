import type { BacktestOutcome } from "../../backtest/outcome.js";
import type { BacktestReportView } from "./backtest-view.js";

/** The backtest stage's BacktestOutcome as the report reads it (strategy vs benchmark). */
export function backtestOutcomeView(outcome: BacktestOutcome): BacktestReportView {
  const s = outcome.strategy;
  return {
    timestamps: s.timestamps,
    equity: s.equity,
    symbols: outcome.symbols,
    trades: s.trades,
    openTrades: s.openTrades,
    riskEvents: outcome.riskEvents,
    statistics: s.statistics,
    name: s.name,
    segment: outcome.segment,
    ...(outcome.benchmark
      ? {
          benchmark: {
            name: outcome.benchmark.name,
            equity: outcome.benchmark.equity,
            statistics: outcome.benchmark.statistics,
          },
        }
      : {}),
    ...(outcome.baseline
      ? {
          baseline: {
            name: outcome.baseline.name,
            equity: outcome.baseline.equity,
            statistics: outcome.baseline.statistics,
          },
        }
      : {}),
  };
}

/** True for an object shaped like the backtest stage's output. */
export function isBacktestOutcome(value: unknown): value is BacktestOutcome {
  const v = value as Partial<BacktestOutcome> | undefined;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.strategy === "object" &&
    v.strategy !== null &&
    v.strategy.equity instanceof Float64Array &&
    Array.isArray(v.symbols)
  );
}
