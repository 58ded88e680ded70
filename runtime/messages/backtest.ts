/** Messages of the backtest engines, rule-based strategies and sweeps. */
const list = (items: readonly string[]): string => items.join(", ");

export const backtestMessages = {
  unknownStrategy: (name: string, suggestion: string | undefined, valid: readonly string[]) =>
    `unknown strategy type "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""} Valid types: ${list(valid)}`,
  strategyParameter: (type: string, detail: string) => `strategy ${type}: ${detail}`,
  strategyTypeMismatch: (expected: string, given: string) =>
    `strategy ${expected} was given the parameters of a ${given} strategy`,
  instrumentTypeMismatch: (expected: string, given: string) =>
    `expected an instrument of type ${expected}, got ${given}`,
  fastNotBelowSlow: (type: string, fast: number, slow: number) =>
    `${type}: fast (${fast}) must be shorter than slow (${slow})`,
  fastNotBelowSlowHint: () => "the fast average needs the shorter window, e.g. fast: 10, slow: 50",
  crossoverDescription: (label: string) =>
    `long while the fast ${label} is above the slow ${label}; short or flat below`,
  buyAndHoldDescription: () => "hold fixed weights (default equal) from the first bar",
  meanReversionDescription: () =>
    "fade moves beyond entry σ from the moving average; exit near the mean",
  momentumDescription: () =>
    "long when the look-back return is positive, short or flat when negative",
  crossSectionalMomentumDescription: () =>
    "rank symbols by look-back return; equal-weight the top (and short the bottom)",
  volBreakoutDescription: () =>
    "enter on a close beyond the volatility band of the previous window; exit at the mean",
  segmentMissing: (segment: string, available: readonly string[]) =>
    `the backtest segment "${segment}" is not defined by the data; available: ${list(available)}`,
  segmentEmpty: (segment: string) => `the ${segment} segment has no bars to backtest`,
  signalShape: (got: number, expected: number) =>
    `the signal has weights for ${got} symbols but the data has ${expected}`,
  costParameter: (detail: string) => `backtest.costs: ${detail}`,
  costNotNonNegative: (name: string, value: number) =>
    `cost parameter ${name} must be a finite number ≥ 0, got ${value}`,
  costNeedsMarket: () =>
    "volatility slippage and market impact need the market panel (close, volume)",
  instrumentWithEventEngine: () =>
    "backtest.instrument runs on its own futures / options engine: remove `engine: event` (or the instrument)",
  instrumentRebalance: () =>
    "backtest.instrument trades when the target changes (whole contracts): `rebalance: every_bar` does not apply — remove it",
  executionNeedsEventEngine: () =>
    "backtest.execution applies to the event-driven engine only (did you mean `engine: event`?)",
  summary: (name: string, totalReturn: number, sharpe: number, trades: number) =>
    `${name}: return ${(totalReturn * 100).toFixed(2)}%, Sharpe ${Number.isFinite(sharpe) ? sharpe.toFixed(2) : "n/a"}, ${trades} trades`,
  sweepTrialInvalid: (name: string, value: string, problem: string) =>
    `with ${name} = ${value} the trial experiment is invalid: ${problem}`,
  sweepTrialInvalidHint: () =>
    "every value of a parameter must give a valid experiment (`drlwb validate` checks each one)",
  sweepParameterPath: (name: string) =>
    `sweep parameter "${name}" does not name a value of the base experiment`,
  sweepTrialStart: (done: number, total: number, params: string) =>
    `trial ${done}/${total}: ${params}`,
  sweepTrialEnd: (metric: string, value: number, status: string) =>
    `  ${status}: ${metric} ${Number.isFinite(value) ? value.toFixed(4) : "n/a"}`,
  sweepTrialsDone: (trials: number, failed: number, seconds: number) =>
    `${trials} trial runs in ${seconds.toFixed(1)} s${failed > 0 ? ` (${failed} failed)` : ""}`,
  sweepInterrupted: (done: number, total: number, dir: string) =>
    `sweep interrupted after ${done}/${total} trials; finished trials are in ${dir}`,
  sweepNotSweepSpec: (file: string, kind: string) =>
    `${file} is a \`kind: ${kind}\` spec; \`drlwb sweep\` runs \`kind: sweep\` specs`,
  sweepNoTrials: () => "no parameter combination satisfies the sweep's constraints",
  sweepTooLarge: (trials: number, max: number) =>
    `the grid has ${trials} trials, more than max_trials (${max}); raise max_trials or use method: random with samples`,
  sweepUnknownMetric: (metric: string, suggestion: string | undefined, valid: readonly string[]) =>
    `unknown sweep metric "${metric}"${suggestion ? `; did you mean "${suggestion}"?` : ""} Valid metrics: ${list(valid)}`,
  sweepParameterNotStrategyShort: (name: string) =>
    `sweep parameter ${name} is not a strategy parameter (strategy.<name>)`,
  sweepGridNeedsStep: (min: number, max: number) =>
    `a grid range needs a step: { min: ${min}, max: ${max}, step: … }`,
  sweepStepNotPositive: (step: number) => `range step must be > 0, got ${step}`,
  sweepTooManyValues: (min: number, max: number, step: number) =>
    `range ${min}..${max} by ${step} has too many values`,
  sweepConstraintShape: (text: string) =>
    `constraint "${text}" is not "a < b" (operators: < <= > >= == !=)`,
  sweepConstraintTerm: (text: string, side: string) =>
    `constraint "${text}": cannot read "${side}"`,
  sweepConstraintName: (text: string, name: string, names: readonly string[]) =>
    `constraint "${text}": "${name}" is not a swept parameter (${list(names)})`,
  sweepNoParameters: () => "a sweep needs at least one parameter",
  sweepNoValues: (name: string) => `parameter ${name} has no values`,
  sweepRangeReversed: (name: string, min: number, max: number) =>
    `parameter ${name}: max ${max} < min ${min}`,
  sweepLogNeedsPositive: (min: number) => `log range needs min > 0, got ${min}`,
  sweepUnknownMetricShort: (metric: string, valid: readonly string[]) =>
    `unknown sweep metric ${metric}; valid: ${list(valid)}`,
  sweepSpaceHint: () =>
    "parameters are lists of values or { min, max, step } ranges; constraints read like strategy.fast < strategy.slow",
  sweepMetricHint: (valid: readonly string[]) => `objective.metric is one of ${list(valid)}`,
  sweepProgress: (done: number, total: number, rate: number) =>
    `${done}/${total} trials (${Math.round(rate)} backtests/s)`,
  sweepDone: (trials: number, seconds: number, rate: number) =>
    `${trials} backtests in ${seconds.toFixed(2)} s (${Math.round(rate)} backtests/s)`,
  sweepWrote: (path: string) => `full result table: ${path}`,
} as const;
