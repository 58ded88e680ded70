/**
 * A pool of worker threads over one panel (mapped once from a
 * SharedArrayBuffer), reused by every sweep run on it. The main thread
 * computes batches too, so a pool of N threads keeps N cores busy, and work
 * starts before the workers have finished starting.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { RunInterrupted } from "../../core/interrupt.js";
import type { OhlcvPanel } from "../../contracts/panel.js";
import { type BatchResult, createBatchRunner, type SweepJob } from "./batch-runner.js";
import { type SharedPanel, sharePanel } from "./shared-panel.js";
import type { WorkerReply, WorkerRequest } from "./sweep-worker.js";

/** Hands out batches and receives results for one sweep run. */
export interface BatchSchedule {
  readonly batches: number;
  bounds(batch: number): [number, number];
  accept(result: BatchResult, indices: number): void;
  /** Called when the first batch is handed out (for timing). */
  started(): void;
  readonly signal?: AbortSignal;
}

interface PoolWorker {
  readonly worker: Worker;
  ready: boolean;
}

/** The worker entry: the .ts source under tsx/vitest, the compiled .js otherwise. */
function workerEntry(): { url: URL; execArgv: string[] } {
  const fromSource = fileURLToPath(import.meta.url).endsWith(".ts");
  return fromSource
    ? { url: new URL("./sweep-worker.ts", import.meta.url), execArgv: ["--import", "tsx"] }
    : { url: new URL("./sweep-worker.js", import.meta.url), execArgv: [] };
}

export class SweepPool {
  private readonly workers: PoolWorker[] = [];
  private readonly shared: SharedPanel;
  private jobs = 0;
  private busy = false;
  private onReply: ((w: PoolWorker, reply: WorkerReply) => void) | undefined;
  private onFailure: ((error: Error) => void) | undefined;
  private readonly readyWaiters: (() => void)[] = [];
  /** Batches computed by worker threads (not the main thread) in the last run. */
  workerBatches = 0;

  /** `threads` in total, the main thread included (default all cores). */
  constructor(
    readonly panel: OhlcvPanel,
    readonly threads = availableParallelism(),
  ) {
    this.shared = sharePanel(panel);
    const entry = workerEntry();
    for (let k = 0; k < threads - 1; k++) {
      const worker = new Worker(entry.url, {
        workerData: { shared: this.shared },
        execArgv: entry.execArgv,
      });
      const slot: PoolWorker = { worker, ready: false };
      worker.on("message", (reply: WorkerReply) => {
        if (reply.type === "ready") {
          slot.ready = true;
          if (this.workers.every((w) => w.ready))
            for (const wake of this.readyWaiters.splice(0)) wake();
        }
        this.onReply?.(slot, reply);
      });
      worker.on("error", (error) => this.onFailure?.(error));
      this.workers.push(slot);
    }
  }

  /** Resolves once every worker thread has started. */
  ready(): Promise<void> {
    if (this.workers.every((w) => w.ready)) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Runs one job's batches on every thread; resolves when all results were accepted. */
  async run(job: SweepJob, schedule: BatchSchedule): Promise<void> {
    if (this.busy) throw new Error("a sweep pool runs one sweep at a time");
    this.busy = true;
    const id = ++this.jobs;
    const runHere = createBatchRunner(this.panel, job);
    this.workerBatches = 0;
    let next = 0;
    let finished = 0;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    const settle = (): void => {
      wake?.();
      wake = undefined;
    };
    const take = (): number => (next < schedule.batches && failure === undefined ? next++ : -1);
    const send = (w: PoolWorker): void => {
      if (schedule.signal?.aborted) failure ??= new RunInterrupted();
      const b = take();
      if (b < 0) {
        settle();
        return;
      }
      const [start, end] = schedule.bounds(b);
      schedule.started();
      const request: WorkerRequest = { type: "batch", id, batch: b, start, end };
      w.worker.postMessage(request);
    };
    const startJob = (w: PoolWorker): void => {
      const request: WorkerRequest = { type: "job", id, job };
      w.worker.postMessage(request);
    };
    this.onFailure = (error) => {
      failure ??= error;
      settle();
    };
    this.onReply = (w, reply) => {
      if (reply.type === "ready") {
        startJob(w);
        return;
      }
      if (reply.type === "error") {
        failure ??= new Error(reply.message);
        settle();
        return;
      }
      if (reply.id !== id) return;
      if (reply.type === "job-ready") {
        send(w);
        return;
      }
      const [start, end] = schedule.bounds(reply.result.batch);
      try {
        schedule.accept(
          { ...reply.result, rows: new Float64Array(reply.result.rows.buffer) },
          end - start,
        );
      } catch (error) {
        failure ??= error as Error;
      }
      finished++;
      this.workerBatches++;
      if (finished === schedule.batches) settle();
      else send(w);
    };
    try {
      for (const w of this.workers) if (w.ready) startJob(w);
      for (let b = take(); b >= 0; b = take()) {
        if (schedule.signal?.aborted) throw new RunInterrupted();
        schedule.started();
        const [start, end] = schedule.bounds(b);
        schedule.accept(runHere(b, start, end), end - start);
        finished++;
        // Yield so worker results are received as they arrive.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      while (finished < schedule.batches && failure === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      if (failure) throw failure;
    } finally {
      this.onReply = (w, reply) => {
        if (reply.type === "ready") w.ready = true;
      };
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
