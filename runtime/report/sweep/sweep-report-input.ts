/** What the sweep report is built from: a sweep folder's files, read (load-sweep-folder.ts). */
import type { ParameterValue } from "../../backtest/sweep/parameter-space.js";
import type { SweepReportPlan } from "../../backtest/sweep/sweep-report-plan.js";
import type { SweepMetric } from "../../backtest/sweep/sweep-metrics.js";
import type { TopSegments } from "../../backtest/sweep/top-segments.js";

/** `top.json`'s summary of the sweep. */
export interface SweepSummary {
  readonly name: string;
  readonly kind: string;
  readonly status: string;
  readonly metric: SweepMetric;
  readonly direction: "maximize" | "minimize";
  readonly segment: string;
  readonly trials: number;
  readonly skipped: number;
  readonly failed?: number;
  readonly elapsedSeconds: number;
}

/** The sweep spec as shown: each parameter's values in words. */
export interface SweepSpecSummary {
  readonly base: string;
  readonly description?: string;
  readonly method: string;
  readonly parameters: readonly { readonly name: string; readonly text: string }[];
  readonly constraints: readonly string[];
}

/** Every trial of `results.parquet`: one entry per trial in each column. */
export interface SweepTable {
  readonly trials: readonly number[];
  readonly params: ReadonlyMap<string, readonly ParameterValue[]>;
  readonly metrics: ReadonlyMap<SweepMetric, Float64Array>;
}

export interface SweepReportInput {
  readonly summary: SweepSummary;
  readonly spec: SweepSpecSummary;
  readonly plan: SweepReportPlan;
  readonly table: SweepTable;
  readonly top: TopSegments;
}
