import type { Diagnostic } from "../../runtime/core/errors.js";
/** A job as `GET /jobs/:id` reports it: plain data, no process handles. */
export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled" | "interrupted";

export const FINISHED_STATUSES: ReadonlySet<JobStatus> = new Set<JobStatus>([
  "succeeded",
  "failed",
  "cancelled",
  "interrupted",
]);

export function isFinished(status: JobStatus): boolean {
  return FINISHED_STATUSES.has(status);
}

export interface JobResult {
  readonly runId: string;
  readonly status: string;
  readonly metrics: unknown;
}

export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly submittedBy: string;
  readonly submittedAt: string;
  status: JobStatus;
  startedAt?: string;
  finishedAt?: string;
  /** The run folder's id, once the worker created it. */
  runId?: string;
  /** A running job whose worker was asked to stop (cancel, limit, shutdown). */
  stopping?: true;
  cancelledBy?: string;
  result?: JobResult;
  /** Sanitized: workspace-relative paths, bounded length. */
  error?: string;
  /**
   * A job that failed on its spec: each problem with its file (relative to the
   * workspace; `spec` for an inline spec), line:col, JSON pointer, message and hint.
   */
  diagnostics?: JobDiagnostic[];
}

/** A spec problem as `GET /jobs/:id` shows it (runtime/core/errors.ts `Diagnostic`, presented). */
export type JobDiagnostic = Diagnostic;
