import type { RiskEvent, Trade } from "../../contracts/portfolio.js";
import type { Statistics } from "../../backtest/stats/types.js";
import { backtestOutcomeView, isBacktestOutcome } from "./backtest-outcome.js";

/**
 * What the tear sheet reads of a backtest: the strategy's equity over the
 * simulated bars, its trades, risk events and statistics, and the benchmark's
 * equity and statistics. The backtest stage's output is mapped into it.
 */
export interface BacktestReportView {
  readonly timestamps: Float64Array;
  readonly equity: Float64Array;
  readonly symbols: readonly string[];
  readonly trades: readonly Trade[];
  /** Trades still open at the last bar (marked at its close). */
  readonly openTrades?: readonly Trade[];
  readonly riskEvents?: readonly RiskEvent[];
  readonly statistics?: Partial<Statistics>;
  /** Display name of the strategy (`sma_crossover`, `ppo`). */
  readonly name?: string;
  readonly benchmark?: {
    readonly name: string;
    readonly equity: Float64Array;
    readonly statistics?: Partial<Statistics>;
  };
  /** A rule-based baseline on the same bars, drawn with the equity. */
  readonly baseline?: {
    readonly name: string;
    readonly equity: Float64Array;
    readonly statistics?: Partial<Statistics>;
  };
  /** The segment backtested (`test`). */
  readonly segment?: string;
}

/**
 * The backtest stage's output (BacktestOutcome) mapped for the report, or an
 * object already shaped as a BacktestReportView; anything else is a
 * programming error naming what is missing.
 */
export function asBacktestReportView(value: unknown): BacktestReportView {
  if (isBacktestOutcome(value)) return backtestOutcomeView(value);
  const v = value as Partial<BacktestReportView> | undefined;
  const missing = [
    v?.timestamps instanceof Float64Array ? undefined : "timestamps (Float64Array)",
    v?.equity instanceof Float64Array ? undefined : "equity (Float64Array)",
    Array.isArray(v?.trades) ? undefined : "trades",
    Array.isArray(v?.symbols) ? undefined : "symbols",
  ].filter((m): m is string => m !== undefined);
  if (missing.length) {
    throw new Error(`the report cannot read the backtest output: missing ${missing.join(", ")}`);
  }
  return v as BacktestReportView;
}
