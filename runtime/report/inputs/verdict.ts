import type { Statistics } from "../../backtest/stats/types.js";
import type { VerdictFigures, VerdictSection } from "../tear-sheet-input.js";
import type { AgentEvaluationSummary } from "./agent-evaluation-file.js";
import type { BacktestReportView } from "./backtest-view.js";

const finiteOrNull = (v: number | undefined): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : null;

function figures(name: string, stats: Partial<Statistics> | undefined): VerdictFigures {
  return {
    name,
    totalReturn: finiteOrNull(stats?.totalReturn),
    sharpeRatio: finiteOrNull(stats?.sharpeRatio),
    maxDrawdown: finiteOrNull(stats?.maxDrawdown),
  };
}

export interface VerdictParts {
  readonly backtest: BacktestReportView;
  /** Types of the risk rules the backtest applied (run folder: stages/risk/risk.json). */
  readonly riskRules?: readonly string[];
  /** An agent's evaluation (run folder: stages/signal/evaluation.json). */
  readonly evaluation?: AgentEvaluationSummary;
}

/**
 * The verdict's figures: the run's backtest (strategy, benchmark, baseline on
 * its segment, after the risk overlay when there is one) and, for an agent,
 * its comparison before the overlay and the seeds' episode scores. Undefined
 * when the backtest has no statistics to compare.
 */
export function verdictSection(parts: VerdictParts): VerdictSection | undefined {
  const bt = parts.backtest;
  if (!bt.statistics) return undefined;
  const n = bt.timestamps.length;
  const ev = parts.evaluation;
  return {
    segment: bt.segment ?? "test",
    ...(n > 0 ? { start: bt.timestamps[0]!, end: bt.timestamps[n - 1]! } : {}),
    riskRules: [...(parts.riskRules ?? [])],
    backtest: {
      strategy: figures(bt.name ?? "strategy", bt.statistics),
      ...(bt.benchmark ? { benchmark: figures(bt.benchmark.name, bt.benchmark.statistics) } : {}),
      ...(bt.baseline?.statistics
        ? { baseline: figures(bt.baseline.name, bt.baseline.statistics) }
        : {}),
    },
    ...(ev?.comparison ? { beforeOverlay: ev.comparison } : {}),
    ...(ev
      ? {
          seeds: {
            count: ev.seeds,
            episodesPerSeed: ev.episodesPerSeed,
            ...(ev.train ? { train: ev.train } : {}),
            ...(ev.valid ? { valid: ev.valid } : {}),
            ...(ev.test ? { test: ev.test } : {}),
          },
        }
      : {}),
  };
}
