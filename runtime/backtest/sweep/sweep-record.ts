/**
 * `sweep.json` in a sweep folder: the normalized sweep spec (secrets as
 * their `${…}` text), its kind and the resolved report plan — what
 * `drlwb report <sweep-folder>` needs besides `top.json` (the summary),
 * `results.parquet` (every trial) and `top-segments.json` (the best trials
 * on every segment) to rebuild the sweep report without running anything.
 */
import { join } from "node:path";
import { writeJsonAtomic } from "../../core/atomic-write.js";
import { redactSecrets } from "../../spec/secret-ref.js";
import type { NormalizedSweep } from "../../spec/spec-types.js";
import type { SweepKind, SweepPlan } from "./sweep-spec.js";
import type { SweepReportPlan } from "./sweep-report-plan.js";
import { TOP_SEGMENTS_FILE, type TopSegments } from "./top-segments.js";

export const SWEEP_FILE = "sweep.json";
export const SWEEP_SUMMARY_FILE = "top.json";
export const SWEEP_RESULTS_FILE = "results.parquet";

export interface SweepRecord {
  readonly kind: SweepKind;
  readonly spec: unknown;
  readonly report: SweepReportPlan;
}

/** Writes `sweep.json` (atomically). */
export function writeSweepRecord(outDir: string, sweep: NormalizedSweep, plan: SweepPlan): void {
  const record: SweepRecord = { kind: plan.kind, spec: redactSecrets(sweep), report: plan.report };
  writeJsonAtomic(join(outDir, SWEEP_FILE), record);
}

/** Writes `top-segments.json` (atomically; NaN metrics become null). */
export function writeTopSegments(outDir: string, top: TopSegments): void {
  writeJsonAtomic(join(outDir, TOP_SEGMENTS_FILE), top);
}
