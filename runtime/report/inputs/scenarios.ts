import type { BacktestOutcome, BacktestReport } from "../../backtest/outcome.js";
import { computeRiskReport, type RiskReport } from "../../risk/metrics/risk-report.js";
import { reportMessages } from "../../messages/report.js";
import { simpleReturns } from "../../stats/returns.js";
import type { ScenarioRow } from "../tear-sheet-input.js";

/** The risk report of the strategy and of the benchmark on the backtested segment. */
export interface BacktestRiskReports {
  readonly strategy: RiskReport;
  readonly benchmark?: RiskReport;
}

/** What the risk reports are computed from: the backtest's curves and the segment's closes. */
export interface RiskReportSource {
  readonly strategy: Pick<BacktestReport, "timestamps" | "equity" | "positions" | "statistics">;
  readonly benchmark?: Pick<BacktestReport, "equity" | "positions">;
  /** Closes per symbol over the backtested bars (same length as the equity); none: no replays or shocks. */
  readonly closes?: readonly Float64Array[];
}

/** Held weights per symbol and bar: units × close / equity. */
function heldWeights(
  positions: readonly Float64Array[],
  closes: readonly Float64Array[],
  equity: Float64Array,
): Float64Array[] {
  return positions.map((units, s) =>
    Float64Array.from(equity, (e, i) => {
      const w = ((units[i] ?? 0) * (closes[s]?.[i] ?? Number.NaN)) / e;
      return Number.isFinite(w) ? w : 0;
    }),
  );
}

/**
 * The risk stage's report (runtime/risk/metrics/risk-report.ts: VaR/CVaR,
 * worst windows, price and volatility shocks) of the backtested strategy and
 * of its benchmark. The risk overlay is applied before the backtest, so the
 * report is computed once the backtest's returns and held weights exist.
 */
export function backtestRiskReports(source: RiskReportSource): BacktestRiskReports {
  const s = source.strategy;
  const periodsPerYear = s.statistics.periodsPerYear;
  const closes = source.closes;
  const strategyReturns = simpleReturns(s.equity);
  const benchReturns = source.benchmark ? simpleReturns(source.benchmark.equity) : undefined;
  const strategy = computeRiskReport({
    returns: strategyReturns,
    timestamps: s.timestamps,
    periodsPerYear,
    ...(benchReturns ? { benchmarkReturns: benchReturns } : {}),
    ...(closes ? { closes, weights: heldWeights(s.positions, closes, s.equity) } : {}),
  });
  const b = source.benchmark;
  const benchmark =
    b && benchReturns
      ? computeRiskReport({
          returns: benchReturns,
          timestamps: s.timestamps,
          periodsPerYear,
          ...(closes ? { closes, weights: heldWeights(b.positions, closes, b.equity) } : {}),
        })
      : undefined;
  return { strategy, ...(benchmark ? { benchmark } : {}) };
}

/** The reports as JSON-ready data (the rolling beta series is left out: the report charts its own). */
export function riskReportsJson(reports: BacktestRiskReports): object {
  const plain = (r: RiskReport) => ({
    ...r,
    beta: r.beta ? { window: r.beta.window, last: r.beta.last } : null,
  });
  return {
    strategy: plain(reports.strategy),
    ...(reports.benchmark ? { benchmark: plain(reports.benchmark) } : {}),
  };
}

const m = reportMessages.scenarios;

/** Compounded return of an equity curve over bars [start, end] (returns at start…end). */
function windowReturn(equity: ArrayLike<number>, start: number, end: number): number | undefined {
  const from = equity[start - 1];
  const to = equity[end];
  return from !== undefined && to !== undefined && from !== 0 ? to / from - 1 : undefined;
}

/**
 * Scenario rows of the tear sheet from the risk reports: the strategy's worst
 * windows (with the benchmark over the same bars), instant price shocks on
 * the last bar's weights, one-bar VaR/CVaR (historical and Cornish–Fisher) and
 * VaR under scaled volatility. Losses are negative returns.
 */
export function scenarioRows(
  reports: BacktestRiskReports,
  benchmarkEquity?: ArrayLike<number>,
): ScenarioRow[] {
  const s = reports.strategy;
  const b = reports.benchmark;
  const rows: ScenarioRow[] = [];
  const withBenchmark = (v: number | undefined) => (v !== undefined && b ? { benchmark: v } : {});
  for (const w of s.stress.worstWindows) {
    const bench = benchmarkEquity ? windowReturn(benchmarkEquity, w.start, w.end) : undefined;
    rows.push({
      group: m.groupStress(),
      scenario: m.worstWindow(w.end - w.start + 1, w.from, w.to),
      strategy: w.return,
      ...withBenchmark(bench),
    });
  }
  s.stress.priceShocks.forEach((shock, i) => {
    rows.push({
      group: m.groupPriceShock(),
      scenario: m.priceShock(shock.shock),
      strategy: shock.portfolioReturn,
      ...withBenchmark(b?.stress.priceShocks[i]?.portfolioReturn),
    });
  });
  s.valueAtRisk.forEach((v, i) => {
    const bv = b?.valueAtRisk[i];
    const level = 1 - v.alpha;
    rows.push(
      {
        group: m.groupVar(),
        scenario: m.historicalVar(level),
        strategy: -v.historical.var,
        ...withBenchmark(bv ? -bv.historical.var : undefined),
      },
      {
        group: m.groupVar(),
        scenario: m.historicalCvar(level),
        strategy: -v.historical.cvar,
        ...withBenchmark(bv ? -bv.historical.cvar : undefined),
      },
      {
        group: m.groupVar(),
        scenario: m.cornishFisherVar(level),
        strategy: -v.cornishFisher.var,
        ...withBenchmark(bv ? -bv.cornishFisher.var : undefined),
      },
    );
  });
  const alpha = s.valueAtRisk[0]?.alpha ?? 0.05;
  s.stress.volatilityShocks.forEach((shock, i) => {
    const bs = b?.stress.volatilityShocks[i];
    rows.push({
      group: m.groupVolatility(),
      scenario: m.volatilityShock(shock.factor, 1 - alpha),
      strategy: -shock.gaussian.var,
      ...withBenchmark(bs ? -bs.gaussian.var : undefined),
    });
  });
  return rows.filter((r) => Number.isFinite(r.strategy));
}

/**
 * The risk reports' source from the backtest stage's output and the panel it
 * ran on: the segment's closes give held weights (left out for futures and
 * options, whose positions are contracts, not weights).
 */
export function riskReportSourceOf(
  outcome: Pick<BacktestOutcome, "strategy" | "benchmark" | "range" | "derivatives">,
  panel?: { readonly close: readonly Float64Array[] },
): RiskReportSource {
  const { start, end } = outcome.range;
  const bars = outcome.strategy.equity.length;
  const closes =
    panel && !outcome.derivatives && end - start === bars
      ? panel.close.map((c) => c.subarray(start, end))
      : undefined;
  return {
    strategy: outcome.strategy,
    ...(outcome.benchmark ? { benchmark: outcome.benchmark } : {}),
    ...(closes ? { closes } : {}),
  };
}
