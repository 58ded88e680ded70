import { Router } from "express";
import { messages } from "../../runtime/messages/index.js";
import { isRegistryStateError, type ModelRegistry } from "../../runtime/registry/index.js";

/** Liveness (`/health`: the process answers) and readiness (`/ready`: the registry can be read). */
export function healthRoutes(registry: ModelRegistry, version: string): Router {
  const router = Router();
  router.get("/health", (_req, res) => {
    res.json({ status: "ok", version });
  });
  router.get("/ready", (_req, res) => {
    try {
      const models = Object.keys(registry.read().models).length;
      res.json({ status: "ready", models });
    } catch (error) {
      const message = isRegistryStateError(error)
        ? error.publicMessage
        : messages.registry.unavailable();
      res.status(503).json({ status: "not_ready", message });
    }
  });
  return router;
}
