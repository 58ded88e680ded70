import type { BacktestReport } from "../../backtest/outcome.js";
import type { TargetSignal } from "../../contracts/signal.js";
import { runBacktestSection } from "../../backtest/stage.js";
import type { Statistics } from "../../backtest/stats/index.js";
import type { OhlcvPanel, Segments } from "../../contracts/panel.js";
import { agentsMessages } from "../../messages/agents.js";
import { sectionDefaults } from "../../spec/section-defaults.js";
import type { BacktestSpec } from "../../spec/types.generated.js";

export interface StrategyResult {
  readonly name: string;
  readonly equity: Float64Array;
  readonly stats: Statistics;
}

export interface BaselineComparison {
  readonly range: { readonly start: number; readonly end: number };
  readonly agent: StrategyResult;
  readonly buyAndHold: StrategyResult;
  readonly baseline: StrategyResult;
  readonly beatsBuyAndHold: boolean;
  readonly beatsBaseline: boolean;
  /** A plain statement for the report. */
  readonly verdict: string;
}

const result = (r: BacktestReport): StrategyResult => ({
  name: r.name,
  equity: r.equity,
  stats: r.statistics,
});

/**
 * Backtests the agent's target weights with the backtest engine (same cost
 * model, fill and segment as the experiment's backtest, without the risk
 * overlay) against buy-and-hold and the rule baseline, and states plainly
 * whether the agent beat them by Sharpe ratio.
 */
export function compareWithBaselines(
  signal: TargetSignal,
  data: { readonly panel: OhlcvPanel; readonly segments: Segments },
  backtest: BacktestSpec,
): BaselineComparison {
  // Always compare with both, even when the experiment's backtest turned one off.
  const { baseline, ...rest } = backtest;
  const outcome = runBacktestSection(
    {
      ...rest,
      benchmark: "buy_and_hold",
      // A backtest without a baseline still gets one here: the schema's default rule.
      baseline: baseline === "none" ? sectionDefaults("backtest").baseline : baseline,
    },
    data,
    signal,
  );
  const agent = result(outcome.strategy);
  const bh = result(outcome.benchmark!);
  const rule = result(outcome.baseline!);
  const sharpe = (r: StrategyResult): number =>
    Number.isFinite(r.stats.sharpeRatio) ? r.stats.sharpeRatio : 0;
  const beatsBuyAndHold = sharpe(agent) > sharpe(bh);
  const beatsBaseline = sharpe(agent) > sharpe(rule);
  const losers = [...(beatsBuyAndHold ? [] : [bh]), ...(beatsBaseline ? [] : [rule])];
  const verdict =
    losers.length === 0
      ? agentsMessages.beatsAll(signal.source, agent.stats.sharpeRatio, agent.stats.totalReturn)
      : agentsMessages.doesNotBeat(
          signal.source,
          losers.map((l) => l.name),
          agent.stats.sharpeRatio,
          agent.stats.totalReturn,
          losers
            .map((l) =>
              agentsMessages.baselineDetail(l.name, l.stats.sharpeRatio, l.stats.totalReturn),
            )
            .join("; "),
        );
  return {
    range: outcome.range,
    agent,
    buyAndHold: bh,
    baseline: rule,
    beatsBuyAndHold,
    beatsBaseline,
    verdict,
  };
}
