/** Messages of the backtest engines, rule-based strategies and sweeps. */
const list = (items: readonly string[]): string => items.join(", ");

export const backtestMessages = {
  unknownStrategy: (name: string, suggestion: string | undefined, valid: readonly string[]) =>
    `unknown strategy type "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""} Valid types: ${list(valid)}`,
  strategyParameter: (type: string, detail: string) => `strategy ${type}: ${detail}`,
  fastNotBelowSlow: (type: string, fast: number, slow: number) =>
    `${type}: fast (${fast}) must be shorter than slow (${slow}); e.g. fast: 10, slow: 50`,
  segmentMissing: (segment: string, available: readonly string[]) =>
    `the backtest segment "${segment}" is not defined by the data; available: ${list(available)}`,
  segmentEmpty: (segment: string) => `the ${segment} segment has no bars to backtest`,
  signalShape: (got: number, expected: number) =>
    `the signal has weights for ${got} symbols but the data has ${expected}`,
  costParameter: (detail: string) => `backtest.costs: ${detail}`,
  instrumentWithEventEngine: () =>
    "backtest.instrument runs on its own futures / options engine: remove `engine: event` (or the instrument)",
  instrumentRebalance: () =>
    "backtest.instrument trades when the target changes (whole contracts): `rebalance: every_bar` does not apply — remove it",
  executionNeedsEventEngine: () =>
    "backtest.execution applies to the event-driven engine only (did you mean `engine: event`?)",
  summary: (name: string, totalReturn: number, sharpe: number, trades: number) =>
    `${name}: return ${(totalReturn * 100).toFixed(2)}%, Sharpe ${Number.isFinite(sharpe) ? sharpe.toFixed(2) : "n/a"}, ${trades} trades`,
  sweepParameterNotStrategy: (name: string) =>
    `sweep parameter "${name}" is not a strategy parameter; this sweep runs rule-based strategies, so name parameters strategy.<name> (e.g. strategy.fast)`,
  sweepNeedsStrategy: (base: string) =>
    `the sweep's base experiment ${base} has no \`strategy:\`; the fast sweep runs rule-based strategies (agent sweeps run whole experiments)`,
  sweepNoTrials: () => "no parameter combination satisfies the sweep's constraints",
  sweepTooLarge: (trials: number, max: number) =>
    `the grid has ${trials} trials, more than max_trials (${max}); raise max_trials or use method: random with samples`,
  sweepUnknownMetric: (metric: string, suggestion: string | undefined, valid: readonly string[]) =>
    `unknown sweep metric "${metric}"${suggestion ? `; did you mean "${suggestion}"?` : ""} Valid metrics: ${list(valid)}`,
  sweepBadParameter: (name: string, detail: string) => `sweep parameter ${name}: ${detail}`,
  sweepProgress: (done: number, total: number, rate: number) =>
    `${done}/${total} trials (${Math.round(rate)} backtests/s)`,
  sweepDone: (trials: number, seconds: number, rate: number) =>
    `${trials} backtests in ${seconds.toFixed(2)} s (${Math.round(rate)} backtests/s)`,
  sweepWrote: (path: string) => `full result table: ${path}`,
} as const;
