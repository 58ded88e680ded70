import { Router } from "express";
import { messages } from "../../runtime/messages/index.js";
import type { RegistryBackend } from "../../runtime/registry/backend.js";
import { isRegistryStateError } from "../../runtime/registry/index.js";
import type { PredictionLog } from "../../runtime/store/prediction-log.js";
import { storeState } from "../store-health.js";
import type { ServerStore } from "../store.js";

/** The tracking store and the prediction log, as `/ready` reports them. */
export interface ReadyTracking {
  readonly store: ServerStore;
  readonly predictionLog?: PredictionLog;
}

/**
 * Liveness (`/health`: the process answers) and readiness (`/ready`: the
 * registry can be read). `/ready` also reports the tracking store (`ok` or
 * `unavailable`) and the prediction log's counters; a store that is down
 * makes the server `degraded` — still 200, since predictions are served.
 */
export function healthRoutes(
  registry: RegistryBackend,
  version: string,
  tracking?: ReadyTracking,
): Router {
  const router = Router();
  router.get("/health", (_req, res) => {
    res.json({ status: "ok", version });
  });
  router.get("/ready", async (_req, res) => {
    try {
      const models = await registry.countModels();
      if (tracking === undefined) return res.json({ status: "ready", models });
      const store = await storeState(tracking.store);
      const log = tracking.predictionLog?.stats();
      res.json({
        status: store === "ok" ? "ready" : "degraded",
        models,
        store,
        ...(log
          ? {
              predictionLog: {
                enabled: log.enabled,
                logged: log.logged,
                dropped: log.dropped,
                buffered: log.buffered,
                failedFlushes: log.failedFlushes,
                // The driver's code only (ECONNREFUSED, 57P01…): no message, host or path.
                lastError: log.lastErrorCode,
                lastErrorAt: log.lastErrorAt,
              },
            }
          : {}),
      });
    } catch (error) {
      const message = isRegistryStateError(error)
        ? error.publicMessage
        : messages.registry.unavailable();
      res.status(503).json({ status: "not_ready", message });
    }
  });
  return router;
}
