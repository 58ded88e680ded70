import type { Statistics } from "../../backtest/stats/index.js";
import { computeStatistics } from "../../backtest/stats/index.js";
import type { BarRange, OhlcvPanel } from "../../data/panel.js";
import { agentsMessages } from "../../messages/agents.js";
import type { TradingCosts } from "../envs/trading-costs.js";
import { buyAndHoldWeights, simulateWeights, smaCrossoverWeights } from "./weights-equity.js";

export interface StrategyResult {
  readonly name: string;
  readonly equity: Float64Array;
  readonly stats: Statistics;
}

export interface BaselineComparison {
  readonly range: BarRange;
  readonly agent: StrategyResult;
  readonly buyAndHold: StrategyResult;
  readonly baseline: StrategyResult;
  /** Whether the agent's Sharpe ratio beat both. */
  readonly beatsBuyAndHold: boolean;
  readonly beatsBaseline: boolean;
  /** A plain statement for the report. */
  readonly verdict: string;
}

function run(
  name: string,
  panel: OhlcvPanel,
  weights: readonly Float64Array[],
  range: BarRange,
  costs: TradingCosts,
  benchmark?: Float64Array,
): StrategyResult {
  const sim = simulateWeights(panel, weights, range, costs);
  const stats = computeStatistics({
    timestamps: panel.timestamps.subarray(range.start, range.end),
    equity: sim.equity,
    trades: [],
    exposure: sim.exposure,
    commissions: sim.commissions,
    closes: panel.close[0]!.subarray(range.start, range.end),
    ...(benchmark ? { benchmarkEquity: benchmark } : {}),
  });
  return { name, equity: sim.equity, stats };
}

/**
 * Compares the agent's target weights with buy-and-hold and an SMA-crossover
 * baseline over the same bars, with the same costs and the same execution
 * (close-to-close, as the trading env), and states plainly who won by Sharpe ratio.
 */
export function compareWithBaselines(
  agentName: string,
  panel: OhlcvPanel,
  agentWeights: readonly Float64Array[],
  range: BarRange,
  costs: TradingCosts,
  baseline: { fast: number; slow: number } = { fast: 10, slow: 20 },
): BaselineComparison {
  const bh = run("buy-and-hold", panel, buyAndHoldWeights(panel), range, costs);
  const rule = run(
    `SMA crossover ${baseline.fast}/${baseline.slow}`,
    panel,
    smaCrossoverWeights(panel, baseline.fast, baseline.slow),
    range,
    costs,
    bh.equity,
  );
  const agent = run(agentName, panel, agentWeights, range, costs, bh.equity);
  const sharpe = (r: StrategyResult): number =>
    Number.isFinite(r.stats.sharpeRatio) ? r.stats.sharpeRatio : 0;
  const beatsBuyAndHold = sharpe(agent) > sharpe(bh);
  const beatsBaseline = sharpe(agent) > sharpe(rule);
  const losers = [...(beatsBuyAndHold ? [] : [bh]), ...(beatsBaseline ? [] : [rule])];
  const verdict =
    losers.length === 0
      ? agentsMessages.beatsAll(agentName, agent.stats.sharpeRatio, agent.stats.totalReturn)
      : agentsMessages.doesNotBeat(
          agentName,
          losers.map((l) => l.name),
          agent.stats.sharpeRatio,
          agent.stats.totalReturn,
          losers
            .map((l) =>
              agentsMessages.baselineDetail(l.name, l.stats.sharpeRatio, l.stats.totalReturn),
            )
            .join("; "),
        );
  return { range, agent, buyAndHold: bh, baseline: rule, beatsBuyAndHold, beatsBaseline, verdict };
}
