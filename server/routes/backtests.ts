import { mkdirSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { type RequestHandler, Router } from "express";
import type { ValidateFunction } from "ajv";
import { stringify } from "yaml";
import type { RunResult } from "../../runtime/run/execute.js";
import { principalOf, requireRole } from "../middleware/authenticate.js";
import { sendError } from "../middleware/errors.js";
import { validateBody } from "../middleware/validate-body.js";
import type { JobQueue } from "../jobs.js";
import { param } from "./params.js";

export type SpecRunner = (
  file: string,
  options: { seed?: number; env?: string; runsDir: string },
) => Promise<RunResult>;

interface BacktestBody {
  specFile?: string;
  spec?: Record<string, unknown>;
  seed?: number;
  env?: string;
}

/** `POST /backtests` queues a spec run and answers 202 with a job id; `GET /jobs/:id` reports it. */
export function backtestRoutes(options: {
  jobs: JobQueue;
  validators: (name: string) => ValidateFunction;
  specsDir: string;
  runsDir: string;
  runSpec: SpecRunner;
  audit: RequestHandler;
}): Router {
  const router = Router();
  router.post(
    "/backtests",
    options.audit,
    requireRole("researcher"),
    validateBody(options.validators, "BacktestRequest"),
    (req, res) => {
      const body = req.body as BacktestBody;
      let file: string;
      if (body.specFile !== undefined) {
        file = resolve(options.specsDir, body.specFile);
        const rel = relative(resolve(options.specsDir), file);
        if (rel.startsWith("..") || isAbsolute(rel)) {
          return sendError(
            res,
            400,
            "invalid_body",
            "/specFile must name a file inside the server's spec folder",
          );
        }
      } else {
        const dir = join(options.runsDir, ".submitted");
        mkdirSync(dir, { recursive: true });
        file = join(dir, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.yaml`);
        writeFileSync(file, stringify(body.spec));
      }
      const job = options.jobs.submit(
        "backtest",
        principalOf(res)?.subject ?? "anonymous",
        async () => {
          const result = await options.runSpec(file, {
            ...(body.seed !== undefined ? { seed: body.seed } : {}),
            ...(body.env ? { env: body.env } : {}),
            runsDir: options.runsDir,
          });
          if (result.status !== "complete") {
            throw new Error(
              result.error instanceof Error ? result.error.message : `run ${result.status}`,
            );
          }
          return { runId: result.id, status: result.status, metrics: result.metrics };
        },
      );
      res.status(202).location(`/jobs/${job.id}`).json({ jobId: job.id, status: job.status });
    },
  );
  router.get("/jobs/:id", requireRole("viewer"), (req, res) => {
    const job = options.jobs.get(param(req, "id"));
    if (!job) return sendError(res, 404, "not_found", `no job ${param(req, "id")}`);
    res.json(job);
  });
  return router;
}
