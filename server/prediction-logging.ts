import { existsSync } from "node:fs";
import type { Logger } from "pino";
import { PredictionLog } from "../runtime/store/prediction-log.js";
import { prunePredictions } from "../runtime/store/retention.js";
import { safeErrorText } from "../runtime/store/safe-error.js";
import type { ServerMetrics } from "./metrics.js";
import type { ServerStore } from "./store.js";

/** The retention policy's first run after the server starts. */
const FIRST_PRUNE_MS = 60_000;

export interface ServerPredictionLog {
  readonly log: PredictionLog;
  /** Stops the retention timer and drains the log into the store (before the store closes). */
  close(): Promise<void>;
}

/**
 * The server's prediction log over its one tracking store (server/store.ts,
 * opened on first use: a store that is down counts as failed writes), its
 * Prometheus counters and gauge, and the retention timer
 * (`store.retention.prune_interval_minutes`, unref'd).
 */
export function serverPredictionLog(
  store: ServerStore,
  metrics: ServerMetrics,
  logger: Logger,
  workspaceRoot: string,
): ServerPredictionLog {
  const log = new PredictionLog({
    // A background write never re-creates a workspace that was removed under the server.
    store: () =>
      existsSync(workspaceRoot) ? store.get() : Promise.reject(new Error("the workspace is gone")),
    limits: store.config.prediction_log,
    events: {
      logged: (rows) => metrics.predictionLogRows.inc(rows),
      dropped: (rows, reason) => metrics.predictionLogDropped.inc({ reason }, rows),
    },
  });
  metrics.watchPredictionLog(() => log.stats().buffered);
  const intervalMinutes = store.config.retention.prune_interval_minutes;
  let timer: NodeJS.Timeout | undefined;
  let pruning: Promise<void> | undefined;
  const prune = () => {
    if (pruning) return;
    pruning = store
      .get()
      .then((open) => prunePredictions(open))
      .then(
        (result) => {
          if (result.deletedRows > 0 || result.droppedPartitions.length > 0)
            logger.info({ retention: result }, "pruned the prediction log");
        },
        (error: unknown) =>
          logger.warn({ store: safeErrorText(error) }, "prediction log retention failed"),
      )
      .finally(() => {
        pruning = undefined;
      });
  };
  if (log.stats().enabled && intervalMinutes > 0) {
    timer = setTimeout(function again() {
      prune();
      timer = setTimeout(again, intervalMinutes * 60_000);
      timer.unref();
    }, FIRST_PRUNE_MS);
    timer.unref();
  }
  return {
    log,
    async close() {
      if (timer) clearTimeout(timer);
      await pruning;
      await log.close();
    },
  };
}
