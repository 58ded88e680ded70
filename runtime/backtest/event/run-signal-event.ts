/**
 * A target-weight signal through the event-driven engine, with the result in
 * the vectorized engine's shape so the backtest stage, statistics and reports
 * treat both engines alike. The broker (orders, stops, participation, margin,
 * costs) does the execution; `TargetFollower` turns targets into orders.
 */
import type { BarRange, OhlcvPanel } from "../../contracts/panel.js";
import type { RiskEvent, TargetOverlay } from "../../contracts/portfolio.js";
import type { CostModel } from "../costs/cost-model.js";
import type { FillTiming } from "../fill-timing.js";
import type { SessionMask } from "../sessions.js";
import type { VectorizedResult } from "../vectorized/engine.js";
import { sectionDefaults } from "../../spec/section-defaults.js";
import type { BacktestExecution } from "../../spec/types.generated.js";
import { runEventBacktest } from "./run-event-backtest.js";
import { TargetFollower } from "./target-follower.js";

export interface SignalEventOptions {
  readonly cash: number;
  readonly costs: CostModel;
  /** `backtest.execution`; without one, the schema's defaults (market orders, cash account). */
  readonly execution?: BacktestExecution;
  readonly fill?: FillTiming;
  readonly range?: BarRange;
  readonly rebalance?: "on_change" | "every_bar";
  readonly integerUnits?: boolean;
  readonly sessions?: SessionMask;
  readonly overlay?: TargetOverlay;
}

export function runSignalEventBacktest(
  panel: OhlcvPanel,
  weights: readonly Float64Array[],
  options: SignalEventOptions,
): VectorizedResult {
  const execution = options.execution ?? sectionDefaults("backtest/execution");
  const riskEvents: RiskEvent[] = [];
  options.overlay?.reset();
  const r = runEventBacktest(panel, TargetFollower, {
    cash: options.cash,
    costs: options.costs,
    margin: execution.margin,
    fill: options.fill ?? "next_open",
    hedging: execution.hedging,
    fractionalUnits: !(options.integerUnits ?? false),
    // A target the account cannot afford at the fill price is bought as far as the margin allows.
    shrinkToMargin: true,
    ...(execution.max_participation !== undefined
      ? { maxParticipation: execution.max_participation }
      : {}),
    ...(options.range ? { range: options.range } : {}),
    ...(options.sessions ? { sessions: options.sessions } : {}),
    params: {
      weights,
      execution,
      ...(options.overlay ? { overlay: options.overlay } : {}),
      rebalance: options.rebalance ?? "on_change",
      integerUnits: options.integerUnits ?? false,
      riskEvents,
      prices: { closes: panel.close, highs: panel.high, lows: panel.low },
    },
  });
  const len = r.equity.length;
  let traded = 0;
  for (const t of r.trades) traded += Math.abs(t.size) * (t.entryPrice + t.exitPrice);
  for (const t of r.openTrades) traded += Math.abs(t.size) * t.entryPrice;
  let equitySum = 0;
  for (let i = 0; i < len; i++) equitySum += r.equity[i]!;
  const averageEquity = len > 0 ? equitySum / len : options.cash;
  // The broker's result already has the vectorized engine's fields; add the ones it lacks.
  return {
    ...r,
    // Spread, slippage and impact are inside the broker's fill prices (not split out).
    frictions: 0,
    turnover: averageEquity > 0 ? traded / averageEquity : 0,
    riskEvents,
  };
}
