/**
 * Optional conventions a stage output can follow so the executor can record
 * it without knowing its type: `metrics` (deterministic numbers for
 * metrics.json) and `hash` (a content hash; the data stage's is the run's
 * data hash).
 */
import type { StageKind } from "../core/stage.js";

/**
 * The output fields the executor itself records in the run folder: every
 * stage's `metrics` (metrics.json) and the data stage's `hash` (run.json's
 * dataHash). With the stages' `reads` and `records`, the answer to "who
 * consumes this output field" (test/run/unconsumed-outputs.test.ts).
 */
export const RUN_FOLDER_READS: {
  readonly everyStage: readonly string[];
  readonly byKind: Readonly<Partial<Record<StageKind, readonly string[]>>>;
} = { everyStage: ["metrics"], byKind: { data: ["hash"] } };

export type MetricValue = number | string | boolean | null;
export type StageMetrics = Record<string, MetricValue | Record<string, MetricValue>>;

export function metricsOf(output: unknown): StageMetrics | undefined {
  if (output && typeof output === "object" && "metrics" in output) {
    const metrics = (output as { metrics?: unknown }).metrics;
    if (metrics && typeof metrics === "object") return metrics as StageMetrics;
  }
  return undefined;
}

export function hashOf(output: unknown): string | undefined {
  if (output && typeof output === "object" && "hash" in output) {
    const hash = (output as { hash?: unknown }).hash;
    if (typeof hash === "string") return hash;
  }
  return undefined;
}
