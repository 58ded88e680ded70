/**
 * The server's jobs: a FIFO queue and a pool of worker processes. Every job
 * runs in its own forked process (server/jobs/worker-main.ts), never on the
 * serving process, with the limits of the configuration's `jobs` section:
 * concurrent workers, queue caps (per user and overall), wall time, heap,
 * run folder size. Jobs can be cancelled (queued: dropped; running: SIGTERM,
 * then SIGKILL after a grace period) and the whole pool drained on shutdown.
 * Files a submission names for clean-up (an inline spec) are removed when its
 * job finishes, whatever the outcome. Finished jobs are kept (the newest
 * `keep_finished`) for `GET /jobs/:id`.
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { setPriority } from "node:os";
import { jobsMessages } from "../../runtime/messages/jobs.js";
import type { ServerSpec } from "../../runtime/spec/types.generated.js";
import { folderBytes } from "./folder-size.js";
import type { Job, JobDiagnostic, JobStatus } from "./job.js";
import { presentJobDiagnostics } from "./job-errors.js";
import { workerLaunch } from "./worker-launch.js";
import { parseWorkerMessage, type WorkerMessage, type WorkerTask } from "./worker-protocol.js";
import { serverMessages } from "../../runtime/messages/server.js";

export type JobLimits = ServerSpec["jobs"];

export interface JobPoolOptions {
  readonly limits: JobLimits;
  /** A worker's whole environment (server/jobs/worker-env.ts), taken when it starts. */
  readonly env: () => Readonly<Record<string, string>>;
  /** An error text as clients may see it (server/jobs/job-errors.ts). */
  readonly presentError: (text: string) => string;
  /** Called with the tail of a worker's stderr when it died without a result (server log only). */
  readonly onWorkerDied?: (jobId: string, how: string, stderrTail: string) => void;
}

export interface JobSubmission {
  readonly kind: string;
  readonly submittedBy: string;
  readonly task: WorkerTask;
  /** Files removed when the job finishes, whatever the outcome (an inline spec). */
  readonly cleanup?: readonly string[];
}

export type SubmitOutcome =
  | { readonly ok: true; readonly job: Job }
  | {
      readonly ok: false;
      readonly reason: "user_limit" | "queue_full" | "closed";
      readonly message: string;
    };

/** Why a running worker is being stopped; the first reason wins. */
type StopReason =
  | { readonly kind: "cancelled"; readonly by: string }
  | { readonly kind: "interrupted" }
  | { readonly kind: "time" }
  | { readonly kind: "output" };

interface Entry {
  readonly job: Job;
  readonly task: WorkerTask;
  readonly cleanup: readonly string[];
  child?: ChildProcess;
  runDir?: string;
  outcome?: WorkerMessage;
  stopReason?: StopReason;
  stderrTail: string;
  readonly timers: NodeJS.Timeout[];
}

const STDERR_TAIL_CHARS = 4096;
const OUTPUT_CHECK_MS = 1000;
const EXIT_SETTLE_MS = 1000;
const OUT_OF_MEMORY = /heap out of memory|Allocation failed|JavaScript heap/i;

export class JobPool {
  private readonly jobs = new Map<string, Entry>();
  private readonly queue: Entry[] = [];
  private readonly running = new Set<Entry>();
  /** Finished job ids, oldest finish first. */
  private readonly finishedOrder: string[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  private accepting = true;
  private draining = false;

  constructor(private readonly options: JobPoolOptions) {}

  get limits(): JobLimits {
    return this.options.limits;
  }

  /** Queues a job (starting it when a worker slot is free), or says which cap refused it. */
  submit(submission: JobSubmission): SubmitOutcome {
    const { limits } = this.options;
    if (!this.accepting) return this.refuse(submission, "closed", jobsMessages.notAccepting());
    if (this.unfinishedOf(submission.submittedBy) >= limits.max_queued_per_user)
      return this.refuse(
        submission,
        "user_limit",
        jobsMessages.userQueueFull(limits.max_queued_per_user),
      );
    const slotFree = this.running.size < limits.workers && this.queue.length === 0;
    if (!slotFree && this.queue.length >= limits.max_queued)
      return this.refuse(submission, "queue_full", jobsMessages.queueFull(limits.max_queued));
    const job: Job = {
      id: randomUUID(),
      kind: submission.kind,
      submittedBy: submission.submittedBy,
      submittedAt: new Date().toISOString(),
      status: "queued",
    };
    const entry: Entry = {
      job,
      task: submission.task,
      cleanup: submission.cleanup ?? [],
      stderrTail: "",
      timers: [],
    };
    this.jobs.set(job.id, entry);
    this.queue.push(entry);
    this.pump();
    return { ok: true, job };
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id)?.job;
  }

  /** Jobs queued or running for `user`. */
  unfinishedOf(user: string): number {
    let n = 0;
    for (const entry of [...this.queue, ...this.running])
      if (entry.job.submittedBy === user) n += 1;
    return n;
  }

  /**
   * Cancels a job: a queued one is dropped at once (status `cancelled`); a
   * running one's worker gets SIGTERM (SIGKILL after the grace period) and
   * the job becomes `cancelled` when the worker has exited. Undefined: no
   * such job. A finished job is returned unchanged.
   */
  cancel(id: string, by: string): Job | undefined {
    const entry = this.jobs.get(id);
    if (!entry) return undefined;
    if (entry.job.status === "queued") {
      this.dropQueued(entry, "cancelled", by);
    } else if (entry.job.status === "running") {
      this.stop(entry, { kind: "cancelled", by });
    }
    return entry.job;
  }

  /**
   * Shutdown: accepts no more jobs, marks queued jobs `interrupted`, stops
   * running workers (SIGTERM, SIGKILL after the grace period) and resolves
   * when every worker has exited.
   */
  async drain(): Promise<void> {
    this.accepting = false;
    this.draining = true;
    for (const entry of [...this.queue]) this.dropQueued(entry, "interrupted");
    for (const entry of this.running) {
      // Workers are unreferenced so they never hold a process open; while
      // draining they must, until they have exited.
      entry.child?.ref();
      this.stop(entry, { kind: "interrupted" });
    }
    await this.idle();
  }

  /** Resolves when no job is queued or running. */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private refuse(
    submission: JobSubmission,
    reason: "user_limit" | "queue_full" | "closed",
    message: string,
  ): SubmitOutcome {
    this.removeFiles(submission.cleanup ?? []);
    return { ok: false, reason, message };
  }

  private pump(): void {
    while (this.running.size < this.options.limits.workers) {
      const next = this.queue.shift();
      if (!next) break;
      this.start(next);
    }
    if (this.queue.length === 0 && this.running.size === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private start(entry: Entry): void {
    const { limits } = this.options;
    entry.job.status = "running";
    entry.job.startedAt = new Date().toISOString();
    this.running.add(entry);
    const launch = workerLaunch(limits.max_heap_mb);
    let child: ChildProcess;
    try {
      child = fork(launch.module, [], {
        execArgv: [...launch.execArgv],
        env: { ...this.options.env() },
        stdio: ["ignore", "ignore", "pipe", "ipc"],
        serialization: "json",
      });
    } catch {
      this.finish(entry, jobsMessages.workerNotStarted());
      return;
    }
    entry.child = child;
    child.unref();
    child.channel?.unref();
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, limits.worker_priority);
      } catch {
        // not permitted here: the worker keeps the server's priority
      }
    }
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      entry.stderrTail = (entry.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    child.on("message", (raw: unknown) => {
      const message = parseWorkerMessage(raw);
      if (!message) return;
      if (message.type === "started") {
        entry.job.runId = message.runId;
        entry.runDir = message.runDir;
      } else entry.outcome = message;
    });
    child.on("error", () => {
      if (child.pid === undefined) this.finish(entry, jobsMessages.workerNotStarted());
    });
    // `close` comes after the last IPC message; `exit` alone may come before it.
    // A grandchild holding stderr open must not keep the job running: `exit` plus a moment.
    const how = (code: number | null, signal: NodeJS.Signals | null): string =>
      signal ? serverMessages.workerEndedBySignal(signal) : serverMessages.workerExitCode(code);
    child.on("close", (code, signal) => this.finish(entry, how(code, signal)));
    child.on("exit", (code, signal) => {
      const settle = setTimeout(() => this.finish(entry, how(code, signal)), EXIT_SETTLE_MS);
      if (!this.draining) settle.unref();
    });
    entry.timers.push(
      setTimeout(() => this.stop(entry, { kind: "time" }), limits.max_wall_seconds * 1000),
      setInterval(() => {
        if (this.outputTooLarge(entry)) this.stop(entry, { kind: "output" });
      }, OUTPUT_CHECK_MS),
    );
    for (const timer of entry.timers) timer.unref();
    child.send({ type: "run", task: entry.task });
  }

  private outputTooLarge(entry: Entry): boolean {
    if (entry.runDir === undefined) return false;
    const limit = this.options.limits.max_output_mb * 1024 * 1024;
    return folderBytes(entry.runDir, limit) > limit;
  }

  /** SIGTERM now, SIGKILL after the grace period; the first reason is the one reported. */
  private stop(entry: Entry, reason: StopReason): void {
    const { child } = entry;
    if (!child || entry.job.status !== "running") return;
    if (entry.stopReason) {
      // Already stopping: shutdown only makes sure the SIGKILL follows.
      if (reason.kind !== "interrupted") return;
    } else entry.stopReason = reason;
    entry.job.stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const kill = setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }, this.options.limits.kill_grace_ms);
    if (!this.draining) kill.unref();
    entry.timers.push(kill);
  }

  private dropQueued(entry: Entry, status: "cancelled" | "interrupted", by?: string): void {
    const at = this.queue.indexOf(entry);
    if (at >= 0) this.queue.splice(at, 1);
    const { job } = entry;
    job.status = status;
    job.finishedAt = new Date().toISOString();
    if (status === "cancelled" && by !== undefined) job.cancelledBy = by;
    if (status === "interrupted") job.error = jobsMessages.shutDown();
    this.removeFiles(entry.cleanup);
    this.retire(entry);
    this.pump();
  }

  /** The worker exited (or never started): the job's final status, clean-up, next job. */
  private finish(entry: Entry, how: string): void {
    if (!this.running.has(entry)) return;
    this.running.delete(entry);
    for (const timer of entry.timers) clearTimeout(timer);
    const { job } = entry;
    const { status, error, diagnostics } = this.verdict(entry, how);
    job.status = status;
    job.finishedAt = new Date().toISOString();
    delete job.stopping;
    if (error !== undefined) job.error = this.options.presentError(error);
    if (diagnostics !== undefined && diagnostics.length > 0)
      job.diagnostics = presentJobDiagnostics(
        this.options.presentError,
        this.options.limits.max_error_chars,
      )(diagnostics);
    const outcome = entry.outcome;
    if (status === "succeeded" && outcome?.type === "finished")
      job.result = { runId: outcome.runId, status: outcome.status, metrics: outcome.metrics };
    if (entry.stopReason?.kind === "cancelled") job.cancelledBy = entry.stopReason.by;
    this.removeFiles(entry.cleanup);
    this.retire(entry);
    this.pump();
  }

  private verdict(
    entry: Entry,
    how: string,
  ): { status: JobStatus; error?: string; diagnostics?: readonly JobDiagnostic[] } {
    const { limits } = this.options;
    const outcome = entry.outcome;
    const reason = entry.stopReason;
    // A run that completed before it could be stopped is reported as it is.
    if (outcome?.type === "finished" && outcome.status === "complete") {
      if (this.outputTooLarge(entry))
        return { status: "failed", error: jobsMessages.outputLimit(limits.max_output_mb) };
      return { status: "succeeded" };
    }
    if (reason?.kind === "cancelled") return { status: "cancelled" };
    if (reason?.kind === "interrupted")
      return { status: "interrupted", error: jobsMessages.shutDown() };
    if (reason?.kind === "time")
      return { status: "failed", error: jobsMessages.timeLimit(limits.max_wall_seconds) };
    if (reason?.kind === "output")
      return { status: "failed", error: jobsMessages.outputLimit(limits.max_output_mb) };
    if (outcome?.type === "failed")
      return { status: "failed", error: outcome.error, diagnostics: outcome.diagnostics };
    if (outcome?.type === "finished") {
      if (outcome.status === "interrupted")
        return { status: "interrupted", error: jobsMessages.runEnded(outcome.status) };
      return {
        status: "failed",
        error: outcome.error ?? jobsMessages.runEnded(outcome.status),
        diagnostics: outcome.diagnostics,
      };
    }
    if (OUT_OF_MEMORY.test(entry.stderrTail))
      return { status: "failed", error: jobsMessages.outOfMemory(limits.max_heap_mb) };
    this.options.onWorkerDied?.(entry.job.id, how, entry.stderrTail);
    return { status: "failed", error: jobsMessages.workerDied(how) };
  }

  private removeFiles(files: readonly string[]): void {
    for (const file of files) rmSync(file, { force: true });
  }

  /** Records a finished job and forgets the ones that finished earliest beyond `keep_finished`. */
  private retire(entry: Entry): void {
    this.finishedOrder.push(entry.job.id);
    while (this.finishedOrder.length > this.options.limits.keep_finished) {
      const oldest = this.finishedOrder.shift();
      if (oldest !== undefined) this.jobs.delete(oldest);
    }
  }
}
