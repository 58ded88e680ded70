/** The `backtest:` spec section (schemas/backtest.schema.json), hand-typed until types are generated. */
import type { CostsSection } from "./costs/costs-section.js";
import type { InstrumentSection } from "./derivatives/instrument-section.js";
import type { ExecutionSection } from "./event/execution-section.js";
import type { FillTiming } from "./fill-timing.js";
import type { SessionsSection } from "./sessions.js";
import type { StrategySection } from "./strategies/rule-strategy.js";

export type BacktestEngine = "vectorized" | "event";

export interface BacktestSection {
  readonly cash?: number;
  /** `vectorized` (default) or `event` (the broker, with `execution`'s orders and exits). */
  readonly engine?: BacktestEngine;
  readonly execution?: ExecutionSection;
  /** A futures contract or options strategy traded on the signal instead of the symbol itself. */
  readonly instrument?: InstrumentSection;
  readonly fill?: FillTiming;
  readonly costs?: CostsSection;
  readonly rebalance?: "on_change" | "every_bar";
  readonly integer_units?: boolean;
  /** Segment the backtest reports on. Default `test`. */
  readonly segment?: "train" | "valid" | "test" | "all";
  readonly benchmark?: "buy_and_hold" | "none";
  /** Rule-based baseline run next to an agent's signal; `none` to skip. */
  readonly baseline?: StrategySection | "none";
  readonly risk_free_rate?: number;
  readonly periods_per_year?: number;
  readonly sessions?: SessionsSection;
}

export const BACKTEST_DEFAULTS = {
  cash: 10_000,
  engine: "vectorized" as BacktestEngine,
  fill: "next_open" as FillTiming,
  rebalance: "on_change" as const,
  segment: "test" as const,
  benchmark: "buy_and_hold" as const,
  baseline: { type: "sma_crossover", fast: 50, slow: 200 } as StrategySection,
};
