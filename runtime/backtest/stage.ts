/**
 * The `signal` stage for rule-based strategies and the `backtest` stage.
 *
 * - `createSignalStrategyStage(strategy)` turns `strategy: { type, … }` into
 *   target weights on every bar (causal: bar t uses data ≤ t).
 * - `createBacktestStage(backtest)` runs the vectorized engine on the chosen
 *   segment (default `test`) with the cost model and the risk overlay applied
 *   bar by bar, next to a buy-and-hold benchmark and, when the signal comes
 *   from an agent, a rule-based baseline; statistics for each; writes
 *   backtest.json, equity.csv and trades.csv to the stage folder.
 */
import { UserError } from "../core/errors.js";
import { specError, throwFirst } from "../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../core/spec-location.js";
import { didYouMean } from "../core/suggest.js";
import type { MarketDataset } from "../data/market-dataset.js";
import type { BarRange, OhlcvPanel } from "../contracts/panel.js";
import { backtestMessages } from "../messages/backtest.js";
import { outputFields, type RunContext, type Stage } from "../core/stage.js";
import type { TargetOverlay } from "../contracts/portfolio.js";
import { createCostModel, type CostModel } from "./costs/cost-model.js";
import { outcomeMetrics } from "./outcome-metrics.js";
import type { BacktestOutcome, BacktestReport } from "./outcome.js";
import type { BacktestSpec } from "../spec/types.generated.js";
import { applySessionsToWeights, buildSessionMask } from "./sessions.js";
import { switchedSignal } from "./regime-switching.js";
import type { TargetSignal } from "../contracts/signal.js";
import { computeStatistics } from "./stats/index.js";
import { createStrategyRegistry } from "./strategies/registry.js";
import {
  resolveParams,
  type RuleStrategy,
  type StrategySection,
} from "./strategies/rule-strategy.js";
import {
  checkInstrument,
  createInstrumentRunner,
  derivativesLogJson,
  type InstrumentBacktestResult,
} from "./derivatives/instruments.js";
import { runSignalEventBacktest } from "./event/run-signal-event.js";
import { runVectorized, type VectorizedResult } from "./vectorized/engine.js";

type AnyStrategy = RuleStrategy;

/** Looks a strategy type up, with a did-you-mean error at `loc` (the strategy's `type`) for specs. */
export function strategyOrThrow(
  type: string,
  loc: SpecLocation = sectionLocation("strategy").at("/type"),
): AnyStrategy {
  const registry = createStrategyRegistry();
  if (!registry.has(type)) {
    const names = registry.names();
    throw specError(loc, backtestMessages.unknownStrategy(type, didYouMean(type, names), names));
  }
  return registry.get(type);
}

/**
 * A strategy section's checks that need no data: a known type and its
 * cross-field parameter rules (e.g. `fast < slow`); `loc` is the section.
 */
export function checkStrategySection(section: StrategySection, loc: SpecLocation): void {
  const strategy = strategyOrThrow(section.type, loc.at("/type"));
  throwFirst(strategy.check?.(section, loc) ?? []);
}

/** Target weights of a rule-based strategy section (at `loc` in the spec) on a panel. */
export function strategySignal(
  section: StrategySection,
  panel: OhlcvPanel,
  loc: SpecLocation = sectionLocation("strategy"),
): TargetSignal {
  const strategy = strategyOrThrow(section.type, loc.at("/type"));
  const { type: _type, ...params } = section;
  let weights: Float64Array[];
  try {
    weights = strategy.weights(panel, section);
  } catch (error) {
    if (error instanceof RangeError) {
      throw specError(loc, backtestMessages.strategyParameter(section.type, error.message));
    }
    throw error;
  }
  return {
    weights,
    symbols: panel.symbols,
    source: section.type,
    params,
  };
}

/** Every field of a signal stage's output. */
export const TARGET_SIGNAL_FIELDS = outputFields<TargetSignal>({
  weights: true,
  symbols: true,
  source: true,
  params: true,
});

export function createSignalStrategyStage(
  strategySection: StrategySection,
  loc: SpecLocation = sectionLocation("strategy"),
): Stage<"signal", "data", never> {
  checkStrategySection(strategySection, loc);
  return {
    kind: "signal",
    type: strategySection.type,
    inputs: ["data"],
    config: strategySection,
    produces: TARGET_SIGNAL_FIELDS,
    reads: { data: ["panel"] },
    // signal.json
    records: ["source", "params", "symbols"],
    async run(ctx, input) {
      const signal = strategySignal(strategySection, input.data.panel, loc);
      ctx.artifacts.writeJson("signal.json", {
        source: signal.source,
        params: signal.params,
        symbols: signal.symbols,
        bars: input.data.panel.timestamps.length,
      });
      ctx.logger.log("info", `signal ${signal.source} on ${signal.symbols.length} symbol(s)`);
      return signal;
    },
  };
}

export interface BacktestStageOptions {
  /** The plan has a `risk` stage: take its overlay as an input. */
  readonly withRisk?: boolean;
  /** The backtest section's place in the spec (default: an experiment's `/backtest`). */
  readonly loc?: SpecLocation;
  /** The plan's regime stage has `switching`: trade the signal switched by its labels. */
  readonly withRegimeSwitching?: boolean;
}

/** Every field of the backtest stage's output. */
const BACKTEST_OUTCOME_FIELDS = outputFields<BacktestOutcome>({
  segment: true,
  range: true,
  symbols: true,
  strategy: true,
  benchmark: true,
  baseline: true,
  riskEvents: true,
  derivatives: true,
  metrics: true,
});

export function createBacktestStage(
  section: BacktestSpec,
  options: BacktestStageOptions = {},
): Stage<"backtest", "data" | "signal", "risk" | "regime"> {
  const loc = options.loc ?? sectionLocation("backtest");
  if (Object.keys(section.execution ?? {}).length > 0 && section.engine !== "event") {
    throw specError(loc.at("/execution"), backtestMessages.executionNeedsEventEngine());
  }
  if (section.instrument !== undefined) {
    if (section.engine === "event")
      throw specError(loc.at("/engine"), backtestMessages.instrumentWithEventEngine());
    if (section.rebalance === "every_bar")
      throw specError(loc.at("/rebalance"), backtestMessages.instrumentRebalance());
    const diagnostics = checkInstrument(section.instrument, loc.at("/instrument"));
    if (diagnostics.length > 0)
      throw new UserError(diagnostics.map((d) => d.message).join("; "), diagnostics);
  }
  if (section.baseline !== undefined && section.baseline !== "none")
    checkStrategySection(section.baseline, loc.at("/baseline"));
  return {
    kind: "backtest",
    type: section.engine,
    inputs: [
      "data",
      ...(options.withRegimeSwitching ? (["regime"] as const) : []),
      "signal",
      ...(options.withRisk ? (["risk"] as const) : []),
    ],
    config: section,
    produces: BACKTEST_OUTCOME_FIELDS,
    reads: {
      data: ["panel", "segments"],
      ...(options.withRegimeSwitching ? { regime: ["labels", "switching"] } : {}),
      signal: ["weights", "source"],
      ...(options.withRisk ? { risk: ["overlay"] } : {}),
    },
    records: [
      // backtest.json, equity.csv, trades.csv
      "segment",
      "range",
      "symbols",
      "strategy",
      "benchmark",
      "baseline",
      "riskEvents",
      // derivatives.json
      "derivatives",
    ],
    async run(ctx, input) {
      const panel = input.data.panel;
      const signal = input.regime
        ? switchedSignal(
            input.signal,
            input.regime,
            panel,
            (type) =>
              strategySignal(
                resolveParams(strategyOrThrow(type), { type }),
                panel,
                sectionLocation("regime").at("/switching"),
              ).weights,
          )
        : input.signal;
      const outcome = runBacktestSection(section, input.data, signal, input.risk?.overlay, loc);
      writeArtifacts(ctx, outcome);
      for (const report of [outcome.strategy, outcome.benchmark, outcome.baseline]) {
        if (!report) continue;
        const s = report.statistics;
        ctx.logger.log(
          "info",
          backtestMessages.summary(
            `${report.role} (${report.name})`,
            s.totalReturn,
            s.sharpeRatio,
            s.tradeCount,
          ),
        );
      }
      return outcome;
    },
  };
}

/** The backtest stage's work without a run context (library and notebooks). */
export function runBacktestSection(
  section: BacktestSpec,
  data: Pick<MarketDataset, "panel" | "segments">,
  signal: TargetSignal,
  risk?: TargetOverlay,
  loc: SpecLocation = sectionLocation("backtest"),
): BacktestOutcome {
  const panel = data.panel;
  if (signal.weights.length !== panel.symbols.length) {
    throw specError(
      sectionLocation("signal"),
      backtestMessages.signalShape(signal.weights.length, panel.symbols.length),
    );
  }
  const range = segmentRange(section.segment, data, loc.at("/segment"));
  let costs: CostModel;
  try {
    costs = createCostModel(section.costs, panel);
  } catch (error) {
    throw specError(loc.at("/costs"), backtestMessages.costParameter((error as Error).message));
  }
  const sessions = section.sessions
    ? buildSessionMask(panel.timestamps, section.sessions)
    : undefined;
  const shape = (w: Float64Array[]): Float64Array[] =>
    sessions ? applySessionsToWeights(w, sessions) : w;
  // What every engine takes: account, costs, fill timing, segment and sizing.
  const common = {
    cash: section.cash,
    costs,
    fill: section.fill,
    range,
    rebalance: section.rebalance,
    integerUnits: section.integer_units,
  };
  // The strategy runs on the chosen engine; the benchmark and baseline always run vectorized.
  const runStrategy = (weights: Float64Array[], overlay?: TargetOverlay): VectorizedResult =>
    section.engine === "event"
      ? runSignalEventBacktest(panel, shape(weights), {
          ...common,
          ...(section.execution ? { execution: section.execution } : {}),
          ...(sessions ? { sessions } : {}),
          ...(overlay ? { overlay } : {}),
        })
      : run(weights, overlay);
  // With an instrument, strategy, benchmark and baseline all trade it (futures / options).
  const instrument = section.instrument
    ? createInstrumentRunner(section.instrument, panel, { ...common, loc: loc.at("/instrument") })
    : undefined;
  const run = (weights: Float64Array[], overlay?: TargetOverlay): VectorizedResult =>
    instrument
      ? instrument(shape(weights), overlay)
      : runVectorized(panel, shape(weights), {
          ...common,
          ...(sessions?.flattenAtClose ? { flattenAt: sessions.sessionEnd } : {}),
          ...(overlay ? { overlay } : {}),
        });

  const benchmarkResult =
    section.benchmark === "none"
      ? undefined
      : run(strategySignal({ type: "buy_and_hold" }, panel).weights);
  const benchmarkEquity = benchmarkResult?.equity;
  const report = (
    role: BacktestReport["role"],
    name: string,
    r: VectorizedResult,
  ): BacktestReport => ({
    role,
    name,
    timestamps: r.timestamps,
    equity: r.equity,
    cash: r.cash,
    positions: r.positions,
    exposure: r.exposure,
    symbolPnl: r.symbolPnl,
    trades: r.trades,
    openTrades: r.openTrades,
    commissions: r.commissions + r.frictions,
    statistics: computeStatistics({
      timestamps: r.timestamps,
      equity: r.equity,
      trades: r.trades,
      exposure: r.exposure,
      commissions: r.commissions + r.frictions,
      ...(benchmarkEquity && role !== "benchmark" ? { benchmarkEquity } : {}),
      ...(panel.symbols.length === 1
        ? { closes: panel.close[0]!.subarray(range.start, range.end) }
        : {}),
      riskFreeRate: section.risk_free_rate,
      ...(section.periods_per_year ? { periodsPerYear: section.periods_per_year } : {}),
    }),
  });

  const strategyResult = runStrategy(signal.weights, risk);
  const isRule = createStrategyRegistry().has(signal.source);
  const baselineSection = section.baseline === "none" ? undefined : section.baseline;
  const baselineResult =
    !isRule && baselineSection
      ? run(strategySignal(baselineSection, panel, loc.at("/baseline")).weights)
      : undefined;
  const outcome = {
    segment: section.segment,
    range,
    symbols: panel.symbols,
    strategy: report("strategy", signal.source, strategyResult),
    ...(benchmarkResult ? { benchmark: report("benchmark", "buy_and_hold", benchmarkResult) } : {}),
    ...(baselineResult && baselineSection
      ? { baseline: report("baseline", baselineSection.type, baselineResult) }
      : {}),
    riskEvents: strategyResult.riskEvents,
    ...("derivatives" in strategyResult
      ? { derivatives: (strategyResult as InstrumentBacktestResult).derivatives }
      : {}),
  };
  return { ...outcome, metrics: outcomeMetrics(outcome) };
}

function segmentRange(
  segment: string,
  data: Pick<MarketDataset, "panel" | "segments">,
  loc: SpecLocation,
): BarRange {
  const bars = data.panel.timestamps.length;
  const range: BarRange | undefined =
    segment === "all"
      ? { start: 0, end: bars }
      : data.segments[segment as "train" | "valid" | "test"];
  if (range === undefined) {
    const available = ["all", ...Object.keys(data.segments)];
    throw specError(loc, backtestMessages.segmentMissing(segment, available));
  }
  if (range.end - range.start < 2) throw specError(loc, backtestMessages.segmentEmpty(segment));
  return range;
}

function writeArtifacts(ctx: RunContext, outcome: BacktestOutcome): void {
  const reports = [outcome.strategy, outcome.benchmark, outcome.baseline].filter(
    (r): r is BacktestReport => r !== undefined,
  );
  ctx.artifacts.writeJson("backtest.json", {
    segment: outcome.segment,
    range: outcome.range,
    symbols: outcome.symbols,
    results: reports.map((r) => ({
      role: r.role,
      name: r.name,
      statistics: r.statistics,
      trades: r.trades.length,
      commissions: r.commissions,
    })),
    riskEvents: outcome.riskEvents,
  });
  const header = ["time", ...reports.map((r) => `${r.role}_equity`)];
  const lines = [header.join(",")];
  const ts = outcome.strategy.timestamps;
  for (let i = 0; i < ts.length; i++) {
    lines.push(
      [new Date(ts[i]!).toISOString(), ...reports.map((r) => r.equity[i]!.toFixed(6))].join(","),
    );
  }
  ctx.artifacts.writeText("equity.csv", `${lines.join("\n")}\n`);
  const tradeLines = [
    "role,symbol,size,entry_time,exit_time,entry_price,exit_price,pnl,return_pct,commission,open",
  ];
  for (const r of reports) {
    for (const [list, open] of [
      [r.trades, false],
      [r.openTrades, true],
    ] as const) {
      for (const t of list) {
        tradeLines.push(
          [
            r.role,
            outcome.symbols[t.symbol],
            t.size,
            new Date(t.entryTime).toISOString(),
            new Date(t.exitTime).toISOString(),
            t.entryPrice,
            t.exitPrice,
            t.pnl,
            t.returnPct,
            t.commission,
            open,
          ].join(","),
        );
      }
    }
  }
  ctx.artifacts.writeText("trades.csv", `${tradeLines.join("\n")}\n`);
  if (outcome.derivatives)
    ctx.artifacts.writeJson("derivatives.json", derivativesLogJson(outcome.derivatives));
}
