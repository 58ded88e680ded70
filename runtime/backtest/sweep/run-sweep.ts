/**
 * Runs a parameter sweep on every core: the panel goes into one
 * SharedArrayBuffer that each worker thread maps once; the main thread hands
 * out batches of trial indices, keeps the top k rows by the chosen metric,
 * streams every batch to Parquet and reports progress. Results are keyed by
 * trial index, so they are identical whatever the number of workers or the
 * order batches finish in.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { OhlcvPanel } from "../../data/panel.js";
import { type BatchResult, createBatchRunner, rowWidth, type SweepJob } from "./batch-runner.js";
import { createParameterSpace, type ParameterValue } from "./parameter-space.js";
import { ParquetSink } from "./parquet-sink.js";
import { sharePanel } from "./shared-panel.js";
import { METRIC_COUNT, metricIndex, SWEEP_METRICS, type SweepMetric } from "./sweep-metrics.js";
import { TopK } from "./top-k.js";

export interface SweepOptions {
  /** Worker threads; default all cores; 0 runs in this thread. */
  readonly workers?: number;
  /** Trial indices per batch; default sized so each batch takes a few ms. */
  readonly batchSize?: number;
  readonly metric?: SweepMetric;
  readonly direction?: "maximize" | "minimize";
  readonly topK?: number;
  /** Write the full result table here (Parquet). */
  readonly parquetPath?: string;
  readonly onProgress?: (done: number, total: number, best: SweepRow | undefined) => void;
  readonly signal?: AbortSignal;
}

export interface SweepRow {
  readonly trial: number;
  readonly params: Readonly<Record<string, ParameterValue>>;
  readonly metrics: Readonly<Record<SweepMetric, number>>;
}

export interface SweepOutcome {
  /** Trials evaluated (valid under the constraints). */
  readonly trials: number;
  /** Indices skipped by constraints. */
  readonly skipped: number;
  readonly top: readonly SweepRow[];
  readonly metric: SweepMetric;
  /** Wall time including worker start-up and the Parquet merge. */
  readonly elapsedMs: number;
  /** Time from the first batch handed out to the last result. */
  readonly computeMs: number;
  /** trials / elapsed time. */
  readonly backtestsPerSecond: number;
  readonly workers: number;
  readonly parquetPath?: string;
}

export async function runSweep(
  panel: OhlcvPanel,
  job: SweepJob,
  options: SweepOptions = {},
): Promise<SweepOutcome> {
  const started = performance.now();
  const space = createParameterSpace(job.space);
  const axisNames = space.axes.map((a) => a.name);
  const metric = options.metric ?? "sharpe";
  const column = metricIndex(metric);
  if (column < 0)
    throw new RangeError(`unknown sweep metric ${metric}; valid: ${SWEEP_METRICS.join(", ")}`);
  const width = rowWidth(axisNames.length);
  const top = new TopK(
    options.topK ?? 10,
    1 + axisNames.length + column,
    options.direction !== "minimize",
  );
  const sink = options.parquetPath
    ? new ParquetSink(options.parquetPath, { axisNames, decode: space.decode })
    : undefined;
  const total = space.size;
  const bars = job.range.end - job.range.start;
  const batchSize =
    options.batchSize ?? Math.max(64, Math.min(4096, Math.floor(2_000_000 / Math.max(1, bars))));
  const batches = Math.ceil(total / batchSize);
  let trials = 0;
  let done = 0;
  let firstDispatch = Number.NaN;
  let lastResult = Number.NaN;
  const dispatched = (): void => {
    if (Number.isNaN(firstDispatch)) firstDispatch = performance.now();
  };
  const row = new Float64Array(width);

  const toRow = (r: Float64Array): SweepRow => ({
    trial: r[0]!,
    params: Object.fromEntries(axisNames.map((name, a) => [name, space.decode(a, r[1 + a]!)])),
    metrics: Object.fromEntries(
      SWEEP_METRICS.map((m, k) => [m, r[1 + axisNames.length + k]!]),
    ) as Record<SweepMetric, number>,
  });
  const accept = (result: BatchResult, indices: number): void => {
    for (let r = 0; r < result.count; r++) {
      row.set(result.rows.subarray(r * width, (r + 1) * width));
      top.offer(row);
    }
    sink?.write(result.batch, result.rows, result.count);
    lastResult = performance.now();
    trials += result.count;
    done += indices;
    const best = top.best()[0];
    options.onProgress?.(done, total, best ? toRow(best) : undefined);
  };
  const bounds = (b: number): [number, number] => [
    b * batchSize,
    Math.min(total, (b + 1) * batchSize),
  ];

  const workerCount = Math.min(options.workers ?? availableParallelism(), batches);
  try {
    if (workerCount <= 0) {
      const run = createBatchRunner(panel, job);
      dispatched();
      for (let b = 0; b < batches; b++) {
        if (options.signal?.aborted) throw new Error("sweep aborted");
        const [start, end] = bounds(b);
        accept(run(b, start, end), end - start);
      }
    } else {
      await runOnWorkers(
        panel,
        job,
        workerCount,
        batches,
        bounds,
        accept,
        dispatched,
        options.signal,
      );
    }
    sink?.finish();
    const parquetPath = sink ? options.parquetPath : undefined;
    const elapsedMs = performance.now() - started;
    return {
      trials,
      skipped: total - trials,
      top: top.best().map(toRow),
      metric,
      elapsedMs,
      computeMs: lastResult - firstDispatch,
      backtestsPerSecond: trials / (elapsedMs / 1000),
      workers: Math.max(0, workerCount),
      ...(parquetPath ? { parquetPath } : {}),
    };
  } catch (error) {
    sink?.abort();
    throw error;
  }
}

/** The worker entry: the .ts source under tsx/vitest, the compiled .js otherwise. */
function workerEntry(): { url: URL; execArgv: string[] } {
  const fromSource = fileURLToPath(import.meta.url).endsWith(".ts");
  return fromSource
    ? { url: new URL("./sweep-worker.ts", import.meta.url), execArgv: ["--import", "tsx"] }
    : { url: new URL("./sweep-worker.js", import.meta.url), execArgv: [] };
}

function runOnWorkers(
  panel: OhlcvPanel,
  job: SweepJob,
  count: number,
  batches: number,
  bounds: (b: number) => [number, number],
  accept: (result: BatchResult, indices: number) => void,
  dispatched: () => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const shared = sharePanel(panel);
  const entry = workerEntry();
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let finished = 0;
    let failed = false;
    const stopAll = (): void => {
      for (const w of workers) void w.terminate();
    };
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      stopAll();
      reject(error);
    };
    const feed = (w: Worker): void => {
      if (signal?.aborted) {
        fail(new Error("sweep aborted"));
        return;
      }
      if (next >= batches) {
        w.postMessage(null);
        return;
      }
      const b = next++;
      const [start, end] = bounds(b);
      dispatched();
      w.postMessage({ batch: b, start, end });
    };
    for (let k = 0; k < count; k++) {
      const w = new Worker(entry.url, { workerData: { shared, job }, execArgv: entry.execArgv });
      workers.push(w);
      w.on("message", (message: "ready" | BatchResult | { error: string }) => {
        if (message === "ready") {
          feed(w);
          return;
        }
        if ("error" in message) {
          fail(new Error(message.error));
          return;
        }
        const [start, end] = bounds(message.batch);
        try {
          accept({ ...message, rows: new Float64Array(message.rows.buffer) }, end - start);
        } catch (error) {
          fail(error as Error);
          return;
        }
        finished++;
        if (finished === batches) {
          for (const x of workers) x.postMessage(null);
          resolve();
          return;
        }
        feed(w);
      });
      w.on("error", (error) => fail(error));
    }
  });
}

export { METRIC_COUNT };
