import type { DerivativesLog } from "./derivatives/instrument-result.js";
import type { Statistics } from "./stats/index.js";
import type { RiskEvent, Trade } from "../contracts/portfolio.js";

/** One backtested equity curve with its statistics (strategy, benchmark or baseline). */
export interface BacktestReport {
  /** `strategy`, `benchmark` or `baseline`. */
  readonly role: "strategy" | "benchmark" | "baseline";
  /** What produced it: `sma_crossover`, `buy_and_hold`, `ppo`, … */
  readonly name: string;
  readonly timestamps: Float64Array;
  readonly equity: Float64Array;
  readonly cash: Float64Array;
  /** Units per symbol and bar: `positions[s][i]`. */
  readonly positions: Float64Array[];
  readonly exposure: Float64Array;
  /** Per-asset cumulative P&L at each bar (Σ over symbols = equity − initial cash). */
  readonly symbolPnl: Float64Array[];
  readonly trades: readonly Trade[];
  readonly openTrades: readonly Trade[];
  readonly commissions: number;
  readonly statistics: Statistics;
}

/** The output of the backtest stage. */
export interface BacktestOutcome {
  readonly segment: string;
  /** Panel bars of the segment, half-open. */
  readonly range: { readonly start: number; readonly end: number };
  readonly symbols: readonly string[];
  readonly strategy: BacktestReport;
  readonly benchmark?: BacktestReport;
  readonly baseline?: BacktestReport;
  readonly riskEvents: readonly RiskEvent[];
  /** With `backtest.instrument`: the strategy's futures / options log (settlements, rolls, greeks…). */
  readonly derivatives?: DerivativesLog;
  /** Headline statistics of each curve, for metrics.json and the registry (see outcome-metrics.ts). */
  readonly metrics: {
    readonly strategy: Readonly<Record<string, number | null>>;
    readonly benchmark?: Readonly<Record<string, number | null>>;
    readonly baseline?: Readonly<Record<string, number | null>>;
    readonly riskEvents: number;
  };
}
