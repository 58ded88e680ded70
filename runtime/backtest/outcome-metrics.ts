import type { BacktestOutcome, BacktestReport } from "./outcome.js";
import type { Statistics } from "./stats/index.js";

/** The statistics each backtested curve contributes to metrics.json (typed keys, all deterministic). */
export const HEADLINE_STATISTICS = [
  "totalReturn",
  "buyAndHoldReturn",
  "cagr",
  "annualVolatility",
  "sharpeRatio",
  "sortinoRatio",
  "calmarRatio",
  "maxDrawdown",
  "exposureTime",
  "tradeCount",
  "winRate",
  "profitFactor",
  "equityFinal",
  "commissions",
  "alpha",
  "beta",
] as const satisfies readonly (keyof Statistics)[];

type Headline = Record<(typeof HEADLINE_STATISTICS)[number], number | null>;

function headline(report: BacktestReport): Headline {
  const out = {} as Headline;
  for (const key of HEADLINE_STATISTICS) {
    const value = report.statistics[key];
    out[key] = typeof value === "number" && Number.isFinite(value) ? value : null;
  }
  return out;
}

/** metrics.json's `backtest` section: strategy, benchmark and baseline headlines plus risk interventions. */
export function outcomeMetrics(
  outcome: Omit<BacktestOutcome, "metrics">,
): BacktestOutcome["metrics"] {
  return {
    strategy: headline(outcome.strategy),
    ...(outcome.benchmark ? { benchmark: headline(outcome.benchmark) } : {}),
    ...(outcome.baseline ? { baseline: headline(outcome.baseline) } : {}),
    riskEvents: outcome.riskEvents.length,
  };
}
