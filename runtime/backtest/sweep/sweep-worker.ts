/**
 * Worker thread of a parallel sweep: loads the shared panel once, then
 * evaluates the batches the main thread sends until told to stop.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createBatchRunner, type SweepJob } from "./batch-runner.js";
import { panelFromShared, type SharedPanel } from "./shared-panel.js";

export type WorkerRequest = {
  readonly batch: number;
  readonly start: number;
  readonly end: number;
} | null;

const data = workerData as { shared: SharedPanel; job: SweepJob };
const port = parentPort;
if (port !== null) {
  try {
    const run = createBatchRunner(panelFromShared(data.shared), data.job);
    port.on("message", (request: WorkerRequest) => {
      if (request === null) {
        port.close();
        return;
      }
      const result = run(request.batch, request.start, request.end);
      port.postMessage(result, [result.rows.buffer as ArrayBuffer]);
    });
    port.postMessage("ready");
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}
