/**
 * Runs a rule-strategy parameter sweep on every core: the panel goes into one
 * SharedArrayBuffer that each worker thread maps once; the main thread hands
 * out batches of trial indices, keeps the top k rows by the chosen metric,
 * streams every batch to Parquet and reports progress. Results are keyed by
 * trial index, so they are identical whatever the number of workers or the
 * order batches finish in.
 */
import { backtestMessages } from "../../messages/backtest.js";
import { availableParallelism } from "node:os";
import { RunInterrupted, YieldClock } from "../../core/interrupt.js";
import type { OhlcvPanel } from "../../contracts/panel.js";
import { type BatchResult, createBatchRunner, rowWidth, type SweepJob } from "./batch-runner.js";
import { createParameterSpace, type ParameterValue } from "./parameter-space.js";
import { ParquetSink } from "./parquet-sink.js";
import { metricIndex, SWEEP_METRICS, type SweepMetric } from "./sweep-metrics.js";
import { SweepPool } from "./sweep-pool.js";
import { TopK } from "./top-k.js";

export interface SweepOptions {
  /** Threads in total (the main thread included); default all cores; 0 or 1 runs in this thread only. */
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
  /** A pool of threads over the same panel to reuse (its size wins over `workers`). */
  readonly pool?: SweepPool;
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
  /** Threads used (main thread included). */
  readonly workers: number;
  /** Batches computed by worker threads; the rest ran on the main thread. */
  readonly workerBatches: number;
  readonly batches: number;
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
  const metric = options.metric ?? "sharpeRatio";
  const column = metricIndex(metric);
  if (column < 0)
    throw new RangeError(backtestMessages.sweepUnknownMetricShort(metric, SWEEP_METRICS));
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
  const bars = segmentBars(job) || panel.timestamps.length;
  // A trial is a full backtest with the run's statistics: batches of ~0.1 s keep progress and Ctrl-C prompt.
  const batchSize =
    options.batchSize ?? Math.max(8, Math.min(1024, Math.floor(200_000 / Math.max(1, bars))));
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

  let workerBatches = (): number => 0;
  const threads = options.pool
    ? options.pool.threads
    : Math.min(options.workers ?? availableParallelism(), batches);
  try {
    if (threads <= 1 && !options.pool) {
      const run = createBatchRunner(panel, job);
      dispatched();
      const clock = new YieldClock();
      for (let b = 0; b < batches; b++) {
        // Between batches of trials: lets a Ctrl-C handler run, then stops.
        if (clock.due()) await clock.pass();
        if (options.signal?.aborted) throw new RunInterrupted();
        const [start, end] = bounds(b);
        accept(run(b, start, end), end - start);
      }
    } else {
      // The main thread computes too, so `threads` cores work while the
      // `threads - 1` worker threads start up.
      const pool = options.pool ?? new SweepPool(panel, threads);
      workerBatches = () => pool.workerBatches;
      try {
        await pool.run(job, {
          batches,
          bounds,
          accept,
          started: dispatched,
          ...(options.signal ? { signal: options.signal } : {}),
        });
      } finally {
        if (!options.pool) await pool.close();
      }
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
      workers: Math.max(1, threads),
      workerBatches: workerBatches(),
      batches,
      ...(parquetPath ? { parquetPath } : {}),
    };
  } catch (error) {
    sink?.abort();
    throw error;
  }
}

/** Bars of the segment the job's trials are measured on (the whole panel for `all`). */
function segmentBars(job: SweepJob): number {
  const segment = job.backtest.segment;
  const range =
    segment === "train" || segment === "valid" || segment === "test"
      ? job.segments[segment]
      : undefined;
  return range ? range.end - range.start : 0; // 0: the whole panel (`all`)
}
