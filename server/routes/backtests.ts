import { type RequestHandler, Router } from "express";
import type { ValidateFunction } from "ajv";
import { isJobId } from "../../runtime/core/ids.js";
import { jobsMessages } from "../../runtime/messages/jobs.js";
import { serverMessages } from "../../runtime/messages/server.js";
import type { SpecPolicy } from "../../runtime/spec/spec-policy.js";
import type { ApiBacktestRequest } from "../../runtime/spec/types.generated.js";
import { isFinished } from "../jobs/job.js";
import type { JobPool } from "../jobs/job-pool.js";
import { principalOf, requireRole } from "../middleware/authenticate.js";
import { sendError } from "../middleware/errors.js";
import { validateBody } from "../middleware/validate-body.js";
import { chooseSpecFile, writeInlineSpec } from "../submitted-spec.js";
import { param } from "./params.js";
import type { JobStore } from "../jobs/job-store.js";
import type { RegistryBackendKind } from "../../runtime/registry/backend.js";

/**
 * `POST /backtests` queues a spec run in a worker process (server/jobs/) and
 * answers 202 with a job id; `GET /jobs/:id` reports it; `DELETE /jobs/:id`
 * cancels it (its submitter or an admin).
 */
export function backtestRoutes(options: {
  jobs: JobPool;
  validators: (name: string) => ValidateFunction;
  specsDir: string;
  runsDir: string;
  audit: RequestHandler;
  /** What submitted specs may do (server/spec-policy.ts); sent to the worker as JSON. */
  policy: SpecPolicy;
  /**
   * The tracking store the worker indexes the run in (its location already
   * resolved with DRLWB_STORE; `sqlite:` files relative to `baseDir`, the
   * workspace root). Sent to the worker over its IPC channel, never to a client.
   */
  store?: JobStore;
  /**
   * The server's registry backend: with `store`, the worker registers a
   * `register:` section's model through `store` (the registry the server
   * reads), never into a registry.json of its own.
   */
  registryBackend?: RegistryBackendKind;
}): Router {
  const router = Router();
  router.post(
    "/backtests",
    options.audit,
    requireRole("researcher"),
    validateBody(options.validators, "BacktestRequest"),
    (req, res) => {
      // Validated against api.schema.json#/$defs/BacktestRequest by validateBody.
      const body = req.body as ApiBacktestRequest;
      const submittedBy = principalOf(res)?.subject ?? "anonymous";
      const { limits } = options.jobs;
      if (options.jobs.unfinishedOf(submittedBy) >= limits.max_queued_per_user)
        return sendError(
          res,
          429,
          "too_many_jobs",
          jobsMessages.userQueueFull(limits.max_queued_per_user),
        );
      let file: string;
      const cleanup: string[] = [];
      if (body.specFile !== undefined) {
        const chosen = chooseSpecFile(options.specsDir, body.specFile);
        if (!chosen.ok)
          return sendError(
            res,
            chosen.status,
            chosen.status === 404 ? "not_found" : "invalid_body",
            chosen.message,
          );
        file = chosen.file;
      } else {
        file = writeInlineSpec(options.specsDir, body.spec);
        cleanup.push(file);
      }
      const outcome = options.jobs.submit({
        kind: "backtest",
        submittedBy,
        task: {
          file,
          options: {
            ...(body.seed !== undefined ? { seed: body.seed } : {}),
            ...(body.env ? { env: body.env } : {}),
            runsDir: options.runsDir,
            policy: options.policy,
            ...(options.store ? { store: options.store } : {}),
            ...(options.registryBackend === "store" && options.store
              ? { registryBackend: options.registryBackend }
              : {}),
          },
        },
        cleanup,
      });
      if (!outcome.ok) {
        const status = outcome.reason === "user_limit" ? 429 : 503;
        if (status === 503) res.set("retry-after", "30");
        return sendError(
          res,
          status,
          outcome.reason === "user_limit" ? "too_many_jobs" : "queue_full",
          outcome.message,
        );
      }
      const { job } = outcome;
      res.status(202).location(`/jobs/${job.id}`).json({ jobId: job.id, status: job.status });
    },
  );
  router.get("/jobs/:id", requireRole("viewer"), (req, res) => {
    const id = param(req, "id");
    if (!isJobId(id)) return sendError(res, 400, "bad_request", serverMessages.badJobId());
    const job = options.jobs.get(id);
    if (!job) return sendError(res, 404, "not_found", serverMessages.jobNotFound(id));
    res.json(job);
  });
  router.delete("/jobs/:id", options.audit, requireRole("researcher"), (req, res) => {
    const id = param(req, "id");
    if (!isJobId(id)) return sendError(res, 400, "bad_request", serverMessages.badJobId());
    const job = options.jobs.get(id);
    if (!job) return sendError(res, 404, "not_found", serverMessages.jobNotFound(id));
    const principal = principalOf(res);
    if (principal?.role !== "admin" && principal?.subject !== job.submittedBy)
      return sendError(res, 403, "forbidden", jobsMessages.cancelForbidden());
    if (isFinished(job.status))
      return sendError(res, 409, "conflict", jobsMessages.notCancellable(id, job.status));
    const after = options.jobs.cancel(id, principal.subject) ?? job;
    // Queued: cancelled now. Running: the worker is stopping; poll GET /jobs/:id.
    res.status(isFinished(after.status) ? 200 : 202).json(after);
  });
  return router;
}
