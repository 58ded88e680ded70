/**
 * The `signal` stage for rule-based strategies and the `backtest` stage.
 *
 * - `createSignalStrategyStage(strategy)` turns `strategy: { type, … }` into
 *   target weights on every bar (causal: bar t uses data ≤ t).
 * - `createBacktestStage(backtest)` runs the vectorized engine on the chosen
 *   segment (default `test`) with the cost model and the risk overlay applied
 *   bar by bar, next to a buy-and-hold benchmark and, when the signal comes
 *   from an agent, a rule-based baseline; statistics for each; writes
 *   backtest.json, equity.csv and trades.csv to the stage folder (and the
 *   strategy's weights.csv and positions.csv: ./allocation-files.ts).
 */
import { UserError } from "../core/errors.js";
import { specError, throwFirst } from "../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../core/spec-location.js";
import { didYouMean } from "../core/suggest.js";
import type { MarketDataset } from "../data/market-dataset.js";
import type { OhlcvPanel } from "../contracts/panel.js";
import { backtestMessages } from "../messages/backtest.js";
import { outputFields, type RunContext, type Stage } from "../core/stage.js";
import type { TargetOverlay } from "../contracts/portfolio.js";
import { writeAllocationFiles } from "./allocation-files.js";
import { riskEventsCsv } from "../risk/events.js";
import { outcomeMetrics } from "./outcome-metrics.js";
import type { BacktestOutcome, BacktestReport } from "./outcome.js";
import type { BacktestSpec } from "../spec/types.generated.js";
import { createSectionEngine, type SectionEngine } from "./section-engine.js";
import type { TargetSignal } from "../contracts/signal.js";
import { computeStatistics } from "./stats/index.js";
import { createStrategyRegistry } from "./strategies/registry.js";
import type { RuleStrategy, StrategySection } from "./strategies/rule-strategy.js";
import {
  checkInstrument,
  derivativesLogJson,
  type InstrumentBacktestResult,
} from "./derivatives/instruments.js";
import type { VectorizedResult } from "./vectorized/engine.js";
import {
  type BenchmarkFileSeries,
  benchmarkSection,
  checkBenchmark,
  loadBenchmarkFile,
  runBenchmark,
} from "./benchmarks/index.js";

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
  /** Folder a `file` benchmark's relative path resolves against (the spec's folder). */
  readonly baseDir?: string;
  /** Most bytes a `file` benchmark may have (a server's data file limit). */
  readonly maxFileBytes?: number;
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
): Stage<"backtest", "data" | "signal", "risk"> {
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
  const benchmark = benchmarkSection(section.benchmark);
  checkBenchmark(benchmark, loc.at("/benchmark"), { instrument: section.instrument !== undefined });
  return {
    kind: "backtest",
    type: section.engine,
    inputs: ["data", "signal", ...(options.withRisk ? (["risk"] as const) : [])],
    config: section,
    produces: BACKTEST_OUTCOME_FIELDS,
    reads: {
      data: ["panel", "segments"],
      signal: ["weights", "source"],
      ...(options.withRisk ? { risk: ["overlay"] } : {}),
    },
    records: [
      // backtest.json, equity.csv, trades.csv, risk-events.csv (weights.csv, positions.csv: the strategy's)
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
      // Under `regime.switching` the signal stage already switched the targets (runtime/regime/switching-stage.ts).
      const benchmarkFile =
        benchmark?.type === "file"
          ? await loadBenchmarkFile(benchmark, {
              loc: loc.at("/benchmark"),
              ...(options.baseDir !== undefined ? { baseDir: options.baseDir } : {}),
              ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
            })
          : undefined;
      const outcome = runBacktestSection(
        section,
        input.data,
        input.signal,
        input.risk?.overlay,
        loc,
        benchmarkFile ? { benchmarkFile } : {},
      );
      writeArtifacts(ctx, outcome);
      writeAllocationFiles(ctx.artifacts, outcome, input.signal.weights, input.data.panel.close);
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

/**
 * The backtest stage's work without a run context (library and notebooks).
 * A `file` benchmark is read first with `loadBenchmarkFile` and passed as
 * `options.benchmarkFile`.
 */
export function runBacktestSection(
  section: BacktestSpec,
  data: Pick<MarketDataset, "panel" | "segments">,
  signal: TargetSignal,
  risk?: TargetOverlay,
  loc: SpecLocation = sectionLocation("backtest"),
  options: { readonly benchmarkFile?: BenchmarkFileSeries } = {},
): BacktestOutcome {
  const panel = data.panel;
  if (signal.weights.length !== panel.symbols.length) {
    throw specError(
      sectionLocation("signal"),
      backtestMessages.signalShape(signal.weights.length, panel.symbols.length),
    );
  }
  const engine = createSectionEngine(section, data, loc);
  const range = engine.range;
  // The strategy runs on the chosen engine; the benchmark and baseline always run vectorized.
  const runStrategy = engine.strategy;
  const run = engine.vectorized;

  const benchmark = sectionBenchmark(section, engine, panel, loc, options.benchmarkFile);
  const benchmarkResult = benchmark?.result;
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
    statistics: computeStatistics(
      engine.statisticsInput(r, role !== "benchmark" ? benchmarkEquity : undefined),
    ),
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
    ...(benchmark ? { benchmark: report("benchmark", benchmark.name, benchmark.result) } : {}),
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

/**
 * The benchmark of a backtest section (`backtest.benchmark`) over its
 * segment with its engine and costs, or undefined for `none`; a `file`
 * benchmark needs its series loaded first.
 */
export function sectionBenchmark(
  section: BacktestSpec,
  engine: SectionEngine,
  panel: OhlcvPanel,
  loc: SpecLocation = sectionLocation("backtest"),
  file?: BenchmarkFileSeries,
): { readonly name: string; readonly result: VectorizedResult } | undefined {
  const benchmark = benchmarkSection(section.benchmark);
  if (!benchmark) return undefined;
  const rebalanced = engine.rebalanced;
  return runBenchmark(benchmark, {
    panel,
    range: engine.range,
    cash: section.cash,
    hold: (weights) => engine.vectorized(weights),
    ...(rebalanced ? { rebalanced: (w: Float64Array[], at: Uint8Array) => rebalanced(w, at) } : {}),
    ...(file ? { file } : {}),
    loc: loc.at("/benchmark"),
  });
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
      // The trades' tags (stops, option legs) in trades.csv's order, when any trade has one.
      ...([...r.trades, ...r.openTrades].some((t) => t.tag !== undefined)
        ? { tradeTags: [...r.trades, ...r.openTrades].map((t) => t.tag ?? null) }
        : {}),
    })),
    riskEvents: outcome.riskEvents,
  });
  const header = ["time", ...reports.map((r) => `${r.role}_equity`)];
  const lines = [header.join(",")];
  const ts = outcome.strategy.timestamps;
  for (let i = 0; i < ts.length; i++) {
    lines.push(
      [new Date(ts[i]!).toISOString(), ...reports.map((r) => String(r.equity[i]!))].join(","),
    );
  }
  // Full precision (shortest round-trip form): the report is rebuilt from it.
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
  // Every risk event (the report shows them aggregated into episodes).
  if (outcome.riskEvents.length > 0)
    ctx.artifacts.writeText("risk-events.csv", riskEventsCsv(outcome.riskEvents, outcome.symbols));
  if (outcome.derivatives)
    ctx.artifacts.writeJson("derivatives.json", derivativesLogJson(outcome.derivatives));
}
