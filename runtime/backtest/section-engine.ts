/**
 * What a `backtest:` section does to target weights, without a run context:
 * the segment, the cost model, sessions, the instrument and the engine, and
 * the statistics input of a backtested curve. The backtest stage
 * (`runBacktestSection`) and every sweep trial use it, so a sweep trial is
 * the run's backtest: same fills, costs, risk overlay and statistics.
 */
import { specError } from "../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../core/spec-location.js";
import type { BarRange, OhlcvPanel, Segments } from "../contracts/panel.js";
import type { TargetOverlay } from "../contracts/portfolio.js";
import { backtestMessages } from "../messages/backtest.js";
import type { BacktestSpec } from "../spec/types.generated.js";
import { createCostModel, type CostModel } from "./costs/cost-model.js";
import { createInstrumentRunner } from "./derivatives/instruments.js";
import { runSignalEventBacktest } from "./event/run-signal-event.js";
import { applySessionsToWeights, buildSessionMask } from "./sessions.js";
import { positionChanges } from "./stats/activity-stats.js";
import { type StatisticsInput, type StatisticsPlan, statisticsPlan } from "./stats/index.js";
import {
  runVectorized,
  type VectorizedResult,
  type VectorizedWorkspace,
} from "./vectorized/engine.js";

export interface SectionEngine {
  /** The section's segment, as panel bars (half-open). */
  readonly range: BarRange;
  readonly costs: CostModel;
  /**
   * The strategy's backtest: the section's engine (event or vectorized, or
   * its instrument), with the overlay. With a `workspace` (the vectorized
   * engine's reusable series, for many backtests in a row; the event engine
   * and instruments allocate their own) the result's series point into it
   * until its next use.
   */
  strategy(
    weights: Float64Array[],
    overlay?: TargetOverlay,
    workspace?: VectorizedWorkspace,
  ): VectorizedResult;
  /** Benchmark and baseline: always the vectorized engine (or the instrument). */
  vectorized(weights: Float64Array[], overlay?: TargetOverlay): VectorizedResult;
  /**
   * A fixed mix on the vectorized engine, traded back to `weights` by the
   * decisions of the bars flagged in `rebalanceAt` (panel bars); undefined
   * with an instrument (it trades one contract, not a mix).
   */
  rebalanced?(weights: Float64Array[], rebalanceAt: Uint8Array): VectorizedResult;
  /** What the statistics of a backtested curve are computed from (with the benchmark's equity, if any). */
  statisticsInput(result: VectorizedResult, benchmarkEquity?: Float64Array): StatisticsInput;
  /**
   * The invariant part of the statistics of every backtest of this section
   * (with the benchmark's equity, if any): made once, passed with each
   * `statisticsInput` to `computeCoreStatistics` / `computeStatistics`.
   */
  statisticsPlan(benchmarkEquity?: Float64Array): StatisticsPlan;
}

/** Builds the engine of a backtest section on a panel (spec errors placed at `loc`). */
export function createSectionEngine(
  section: BacktestSpec,
  data: { readonly panel: OhlcvPanel; readonly segments: Segments },
  loc: SpecLocation = sectionLocation("backtest"),
): SectionEngine {
  const panel = data.panel;
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
  // With an instrument, strategy, benchmark and baseline all trade it (futures / options).
  const instrument = section.instrument
    ? createInstrumentRunner(section.instrument, panel, { ...common, loc: loc.at("/instrument") })
    : undefined;
  const vectorized = (
    weights: Float64Array[],
    overlay?: TargetOverlay,
    workspace?: VectorizedWorkspace,
  ): VectorizedResult =>
    instrument
      ? instrument(shape(weights), overlay)
      : runVectorized(panel, shape(weights), {
          ...common,
          ...(sessions?.flattenAtClose ? { flattenAt: sessions.sessionEnd } : {}),
          ...(overlay ? { overlay } : {}),
          ...(workspace ? { workspace } : {}),
        });
  const strategy = (
    weights: Float64Array[],
    overlay?: TargetOverlay,
    workspace?: VectorizedWorkspace,
  ): VectorizedResult =>
    section.engine === "event"
      ? runSignalEventBacktest(panel, shape(weights), {
          ...common,
          ...(section.execution ? { execution: section.execution } : {}),
          ...(sessions ? { sessions } : {}),
          ...(overlay ? { overlay } : {}),
        })
      : vectorized(weights, overlay, workspace);
  const timestamps = panel.timestamps.subarray(range.start, range.end);
  const closes =
    panel.symbols.length === 1 ? panel.close[0]!.subarray(range.start, range.end) : undefined;
  // What the statistics take besides the curve: the segment's bars, the market and the settings.
  const fixed = (benchmarkEquity?: Float64Array) => ({
    ...(benchmarkEquity ? { benchmarkEquity } : {}),
    ...(closes ? { closes } : {}),
    riskFreeRate: section.risk_free_rate,
    ...(section.periods_per_year ? { periodsPerYear: section.periods_per_year } : {}),
  });
  return {
    range,
    costs,
    strategy,
    vectorized,
    ...(instrument
      ? {}
      : {
          rebalanced: (weights: Float64Array[], rebalanceAt: Uint8Array) =>
            runVectorized(panel, shape(weights), {
              ...common,
              ...(sessions?.flattenAtClose ? { flattenAt: sessions.sessionEnd } : {}),
              rebalanceAt,
            }),
        }),
    statisticsInput: (r, benchmarkEquity) => ({
      timestamps: r.timestamps,
      equity: r.equity,
      trades: r.trades,
      exposure: r.exposure,
      fills: r.fills ?? positionChanges(r.positions),
      openTrades: r.openTrades,
      fees: r.commissions,
      ...fixed(benchmarkEquity),
    }),
    statisticsPlan: (benchmarkEquity) => statisticsPlan({ timestamps, ...fixed(benchmarkEquity) }),
  };
}

/** The bars of a segment (`all` = the whole panel); at least two. */
export function segmentRange(
  segment: string,
  data: { readonly panel: OhlcvPanel; readonly segments: Segments },
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
