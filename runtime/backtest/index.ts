/** Public API of the backtest engines (re-exported by runtime/index.ts). */
export type { PortfolioState, RiskEvent, TargetOverlay, Trade } from "../contracts/portfolio.js";
export * from "./costs/index.js";
export { Broker, type BrokerOptions, FULL_SIZE } from "./event/broker.js";
export { SmaCross, type SmaCrossParams } from "./event/examples/sma-cross.js";
export type { OpenTrade } from "./event/open-trade.js";
export type { Order, OrderOptions, OrderRole } from "./event/order.js";
export { crossover, type RevealedBars, RevealedSeries } from "./event/revealed-series.js";
export {
  type EventBacktestOptions,
  type EventBacktestResult,
  type IndicatorRecord,
  runEventBacktest,
} from "./event/run-event-backtest.js";
export {
  type IndicatorInput,
  Position,
  Strategy,
  type StrategyClass,
  type StrategyContext,
} from "./event/strategy.js";
export { FILL_TIMINGS, type FillTiming } from "./fill-timing.js";
export * from "./indicators/index.js";
export type { BacktestOutcome, BacktestReport } from "./outcome.js";
export {
  type CoreStatistics,
  computeCoreStatistics,
  computeStatistics,
  type StatisticKey,
  type StatisticLabel,
  type Statistics,
  type StatisticsInput,
  type PreferredDirection,
  type StatisticUnit,
  statisticKeys,
  statLabels,
  statPreferredDirection,
} from "./stats/index.js";
export {
  type BenchmarkContext,
  type BenchmarkFileSeries,
  type BenchmarkKind,
  benchmarkSection,
  createBenchmarkRegistry,
  loadBenchmarkFile,
  rebalanceBars,
} from "./benchmarks/index.js";
export {
  applySessionsToWeights,
  buildSessionMask,
  type SessionMask,
  type SessionsSection,
} from "./sessions.js";
export type { TargetSignal } from "../contracts/signal.js";
export {
  type BacktestStageOptions,
  createBacktestStage,
  createSignalStrategyStage,
  runBacktestSection,
  sectionBenchmark,
  strategyOrThrow,
  strategySignal,
} from "./stage.js";
export { createStrategyRegistry } from "./strategies/registry.js";
export {
  resolveParams,
  type RuleStrategy,
  type StrategySection,
  strategySection,
} from "./strategies/rule-strategy.js";
export {
  futuresSection,
  type InstrumentSection,
  instrumentSection,
  optionSection,
} from "./derivatives/instrument-section.js";
export type { SweepJob } from "./sweep/batch-runner.js";
export {
  createParameterSpace,
  type ParameterSpace,
  type SpaceSpec,
} from "./sweep/parameter-space.js";
export {
  runSweep,
  type SweepOptions,
  type SweepOutcome,
  type SweepRow,
} from "./sweep/run-sweep.js";
export { SWEEP_METRICS, type SweepMetric } from "./sweep/sweep-metrics.js";
export {
  runVectorized,
  type VectorizedOptions,
  type VectorizedResult,
} from "./vectorized/engine.js";
