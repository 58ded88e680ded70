import { randomUUID } from "node:crypto";

export type JobStatus = "queued" | "running" | "succeeded" | "failed";

export interface Job<R = unknown> {
  readonly id: string;
  readonly kind: string;
  readonly submittedBy: string;
  readonly submittedAt: string;
  status: JobStatus;
  startedAt?: string;
  finishedAt?: string;
  result?: R;
  error?: string;
}

/**
 * An in-process queue for long work (backtests): one job at a time so a
 * request burst cannot starve the prediction path; finished jobs are kept
 * (the newest `keep`) for `GET /jobs/:id`.
 */
export class JobQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly pending: { job: Job; work: () => Promise<unknown> }[] = [];
  private running = false;

  constructor(private readonly keep = 500) {}

  submit(kind: string, submittedBy: string, work: () => Promise<unknown>): Job {
    const job: Job = {
      id: randomUUID(),
      kind,
      submittedBy,
      submittedAt: new Date().toISOString(),
      status: "queued",
    };
    this.jobs.set(job.id, job);
    this.pending.push({ job, work });
    this.prune();
    void this.drain();
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** Resolves when the queue is empty (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.pending.length > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.pending.shift(); next; next = this.pending.shift()) {
        const { job, work } = next;
        job.status = "running";
        job.startedAt = new Date().toISOString();
        try {
          job.result = await work();
          job.status = "succeeded";
        } catch (error) {
          job.status = "failed";
          job.error = error instanceof Error ? error.message : String(error);
        }
        job.finishedAt = new Date().toISOString();
      }
    } finally {
      this.running = false;
    }
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter(
      (j) => j.status === "succeeded" || j.status === "failed",
    );
    for (const job of finished.slice(0, Math.max(0, finished.length - this.keep)))
      this.jobs.delete(job.id);
  }
}
