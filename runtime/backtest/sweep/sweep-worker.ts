/**
 * Worker thread of a sweep pool: maps the shared panel once, then builds a
 * batch runner per job and evaluates the batches the main thread sends.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { OhlcvPanel } from "../../contracts/panel.js";
import { type BatchResult, createBatchRunner, type SweepJob } from "./batch-runner.js";
import { panelFromShared, type SharedPanel } from "./shared-panel.js";

export type WorkerRequest =
  | { readonly type: "job"; readonly id: number; readonly job: SweepJob }
  | {
      readonly type: "batch";
      readonly id: number;
      readonly batch: number;
      readonly start: number;
      readonly end: number;
    }
  | null;

export type WorkerReply =
  | { readonly type: "ready" }
  | { readonly type: "job-ready"; readonly id: number }
  | { readonly type: "result"; readonly id: number; readonly result: BatchResult }
  | { readonly type: "error"; readonly id: number; readonly message: string };

const port = parentPort;
if (port !== null) {
  const panel: OhlcvPanel = panelFromShared((workerData as { shared: SharedPanel }).shared);
  let current: { id: number; run: ReturnType<typeof createBatchRunner> } | undefined;
  const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []): void =>
    port.postMessage(message, transfer);
  port.on("message", (request: WorkerRequest) => {
    if (request === null) {
      port.close();
      return;
    }
    try {
      if (request.type === "job") {
        current = { id: request.id, run: createBatchRunner(panel, request.job) };
        reply({ type: "job-ready", id: request.id });
        return;
      }
      if (current === undefined || current.id !== request.id)
        throw new Error(`no job ${request.id} in this worker`);
      const result = current.run(request.batch, request.start, request.end);
      reply({ type: "result", id: request.id, result }, [result.rows.buffer as ArrayBuffer]);
    } catch (error) {
      reply({
        type: "error",
        id: request?.id ?? -1,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
  reply({ type: "ready" });
}
