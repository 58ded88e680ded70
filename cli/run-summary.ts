/**
 * The short summary `drlwb run` ends with: total return, Sharpe ratio and
 * maximum drawdown of the run's signal next to the benchmark (buy & hold unless
 * the spec chose another) and
 * the baseline (when the run has one), and whether the signal beat each of
 * them. The figures are the backtest's own statistics; nothing is recomputed.
 */
import type { BacktestOutcome, BacktestReport } from "../runtime/backtest/outcome.js";
import { cliMessages } from "../runtime/messages/cli.js";

export interface SummaryRow {
  readonly role: BacktestReport["role"];
  /** What produced the curve: `ppo`, `sma_crossover`, `buy_and_hold`, … */
  readonly name: string;
  readonly totalReturn: number;
  readonly sharpeRatio: number;
  /** Negative: the deepest fall from a peak (−0.25 = −25 %). */
  readonly maxDrawdown: number;
}

/** Did the signal do better than a reference on each measure (a shallower drawdown is better)? */
export interface Beat {
  readonly totalReturn: boolean;
  readonly sharpeRatio: boolean;
  readonly maxDrawdown: boolean;
}

export interface RunSummary {
  readonly segment: string;
  readonly signal: SummaryRow;
  readonly benchmark?: SummaryRow;
  readonly baseline?: SummaryRow;
  readonly beat: { readonly benchmark?: Beat; readonly baseline?: Beat };
}

function row(report: BacktestReport): SummaryRow {
  const s = report.statistics;
  return {
    role: report.role,
    name: report.name,
    totalReturn: s.totalReturn,
    sharpeRatio: s.sharpeRatio,
    maxDrawdown: s.maxDrawdown,
  };
}

/** `a > b`, false when either is not a number (NaN never beats anything). */
const above = (a: number, b: number): boolean => a > b;

function beat(signal: SummaryRow, reference: SummaryRow): Beat {
  return {
    totalReturn: above(signal.totalReturn, reference.totalReturn),
    sharpeRatio: above(signal.sharpeRatio, reference.sharpeRatio),
    maxDrawdown: above(signal.maxDrawdown, reference.maxDrawdown),
  };
}

export function summarizeBacktest(outcome: BacktestOutcome): RunSummary {
  const signal = row(outcome.strategy);
  const benchmark = outcome.benchmark ? row(outcome.benchmark) : undefined;
  const baseline = outcome.baseline ? row(outcome.baseline) : undefined;
  return {
    segment: outcome.segment,
    signal,
    ...(benchmark ? { benchmark } : {}),
    ...(baseline ? { baseline } : {}),
    beat: {
      ...(benchmark ? { benchmark: beat(signal, benchmark) } : {}),
      ...(baseline ? { baseline: beat(signal, baseline) } : {}),
    },
  };
}

/** The summary as terminal lines: one row per curve, then one verdict per reference. */
export function formatRunSummary(summary: RunSummary): string[] {
  const line = (label: string, r: SummaryRow): string =>
    cliMessages.summaryRow(label, r.totalReturn, r.sharpeRatio, r.maxDrawdown);
  const { signal, benchmark, baseline } = summary;
  const lines = [cliMessages.summaryHeading(summary.segment), line(signal.name, signal)];
  if (benchmark) lines.push(line(cliMessages.benchmarkLabel(benchmark.name), benchmark));
  if (baseline) lines.push(line(cliMessages.baselineRowLabel(baseline.name), baseline));
  if (benchmark && summary.beat.benchmark)
    lines.push(
      cliMessages.summaryVerdict(
        signal.name,
        cliMessages.benchmarkLabel(benchmark.name),
        summary.beat.benchmark,
      ),
    );
  if (baseline && summary.beat.baseline)
    lines.push(
      cliMessages.summaryVerdict(
        signal.name,
        cliMessages.baselineLabel(baseline.name),
        summary.beat.baseline,
      ),
    );
  return lines;
}
