/**
 * The best trials of a sweep measured on every segment of the base
 * experiment (train / valid / test), written to `top-segments.json` for the
 * sweep report. Trials are chosen on the objective's segment only; the
 * other segments are computed afterwards and never feed back into the
 * choice. A rule-strategy trial is re-evaluated by the sweep's own batch
 * runner (the run's backtest and statistics, see evaluate-trial.ts) with the
 * backtest's segment set to each segment, so its figures are those of a run
 * of the same parameters on that segment.
 */
import type { OhlcvPanel } from "../../contracts/panel.js";
import { createBatchRunner, type SweepJob } from "./batch-runner.js";
import type { ParameterValue } from "./parameter-space.js";
import type { SweepRow } from "./run-sweep.js";
import { SWEEP_METRICS, type SweepMetric } from "./sweep-metrics.js";

export const TOP_SEGMENTS_FILE = "top-segments.json";

export const SEGMENT_ORDER = ["train", "valid", "test"] as const;

export type SegmentName = (typeof SEGMENT_ORDER)[number];

/** One segment's headline metrics (NaN: undefined; null in the JSON file). */
export type SegmentMetrics = Readonly<Record<SweepMetric, number>>;

export interface TopTrialOnSegments {
  /** 1 = best by the objective. */
  readonly rank: number;
  readonly trial: number;
  readonly params: Readonly<Record<string, ParameterValue>>;
  readonly metrics: Readonly<Partial<Record<SegmentName, SegmentMetrics>>>;
  /** Run folders of the re-evaluations (sweeps of whole experiments), relative to the sweep folder. */
  readonly runs?: Readonly<Partial<Record<SegmentName, string>>>;
}

/** The contents of `top-segments.json`. */
export interface TopSegments {
  /** The objective's metric. */
  readonly metric: SweepMetric;
  readonly direction: "maximize" | "minimize";
  /** The segment the trials were ranked on. */
  readonly selection: SegmentName;
  /** The base experiment's segments, in order. */
  readonly segments: readonly SegmentName[];
  readonly trials: readonly TopTrialOnSegments[];
}

/** The segments a base experiment defines, in train → valid → test order. */
export function segmentsOf(
  segments: Readonly<Partial<Record<SegmentName, unknown>>>,
): SegmentName[] {
  return SEGMENT_ORDER.filter((name) => Object.hasOwn(segments, name) && segments[name] != null);
}

/** A trial's metrics as a record (SWEEP_METRICS order) from a result row at `offset`. */
export function metricsOfRow(row: Float64Array, offset: number): SegmentMetrics {
  return Object.fromEntries(SWEEP_METRICS.map((m, k) => [m, row[offset + k]!])) as Record<
    SweepMetric,
    number
  >;
}

/**
 * Re-evaluates the top trials of a rule-strategy sweep on each of `segments`
 * with the sweep's batch runner; the selection segment keeps the figures the
 * trials were ranked by.
 */
export function evaluateRuleTrialsOnSegments(
  panel: OhlcvPanel,
  job: SweepJob,
  top: readonly SweepRow[],
  segments: readonly SegmentName[],
  selection: SegmentName,
): TopTrialOnSegments[] {
  const axes = Object.keys(job.space.parameters).length;
  const runners = new Map(
    segments
      .filter((segment) => segment !== selection)
      .map((segment) => [
        segment,
        createBatchRunner(panel, { ...job, backtest: { ...job.backtest, segment } }),
      ]),
  );
  return top.map((row, k) => {
    const metrics: Partial<Record<SegmentName, SegmentMetrics>> = {};
    for (const segment of segments) {
      const run = runners.get(segment);
      if (run === undefined) {
        metrics[segment] = row.metrics;
        continue;
      }
      const result = run(0, row.trial, row.trial + 1);
      if (result.count === 1) metrics[segment] = metricsOfRow(result.rows, 1 + axes);
    }
    return { rank: k + 1, trial: row.trial, params: row.params, metrics };
  });
}
