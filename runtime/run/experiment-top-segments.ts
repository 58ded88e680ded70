/**
 * The best trials of a sweep of whole experiments re-evaluated on every
 * segment of the base: each is the trial experiment (runtime/run/experiment-sweep.ts
 * `trialSpec`) with `backtest.segment` set to the segment, compiled and
 * executed as `drlwb run` executes it (same stages, same seed), into the
 * sweep's `runs/`. The selection segment keeps the trial's own run.
 */
import { join, relative } from "node:path";
import { stringify } from "yaml";
import { RunInterrupted } from "../core/interrupt.js";
import { metricsFromRun, SWEEP_METRICS } from "../backtest/sweep/sweep-metrics.js";
import {
  metricsOfRow,
  type SegmentMetrics,
  type SegmentName,
  type TopTrialOnSegments,
} from "../backtest/sweep/top-segments.js";
import { redactSecrets } from "../spec/secret-ref.js";
import { specHash } from "../spec/index.js";
import { executePlan } from "./execute.js";
import {
  compileTrial,
  type ExperimentTrial,
  type SweepBase,
  trialSpec,
} from "./experiment-sweep.js";
import type { RunIndexWriter } from "./run-index-writer.js";

export interface ExperimentTopSegmentsOptions {
  /** The sweep folder (runs go to its `runs/`). */
  readonly outDir: string;
  readonly signal?: AbortSignal;
  readonly runIndex?: RunIndexWriter;
}

/** A run's metrics.json `backtest.strategy` → the sweep's metrics (null → NaN). */
function strategyMetrics(metrics: Readonly<Record<string, unknown>>): SegmentMetrics {
  const backtest = Object.hasOwn(metrics, "backtest") ? metrics.backtest : undefined;
  const strategy =
    typeof backtest === "object" && backtest !== null && Object.hasOwn(backtest, "strategy")
      ? (backtest as Record<string, unknown>).strategy
      : undefined;
  const row = new Float64Array(SWEEP_METRICS.length);
  metricsFromRun(
    typeof strategy === "object" && strategy !== null
      ? (strategy as Record<string, unknown>)
      : undefined,
    row,
    0,
  );
  return metricsOfRow(row, 0);
}

export async function evaluateExperimentTrialsOnSegments(
  base: SweepBase,
  top: readonly ExperimentTrial[],
  segments: readonly SegmentName[],
  selection: SegmentName,
  options: ExperimentTopSegmentsOptions,
): Promise<TopTrialOnSegments[]> {
  const runsDir = join(options.outDir, "runs");
  const out: TopTrialOnSegments[] = [];
  for (const [k, trial] of top.entries()) {
    const metrics: Partial<Record<SegmentName, SegmentMetrics>> = {};
    const runs: Partial<Record<SegmentName, string>> = {};
    for (const segment of segments) {
      if (segment === selection) {
        metrics[segment] = trial.metrics;
        runs[segment] = relative(options.outDir, trial.run.dir);
        continue;
      }
      const spec = trialSpec(base.spec, trial.params, segment);
      const result = await executePlan(compileTrial(spec, base), {
        runsDir,
        specFile: base.file,
        specHash: specHash(spec),
        resolvedSpecYaml: stringify(redactSecrets(spec)),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.runIndex ? { runIndex: options.runIndex } : {}),
      });
      if (result.status === "interrupted") throw new RunInterrupted();
      metrics[segment] = strategyMetrics(result.metrics);
      runs[segment] = relative(options.outDir, result.dir);
    }
    out.push({ rank: k + 1, trial: trial.trial, params: trial.params, metrics, runs });
  }
  return out;
}
