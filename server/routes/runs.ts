import { existsSync } from "node:fs";
import { join } from "node:path";
import { Router } from "express";
import { param } from "./params.js";
import { serverMessages } from "../../runtime/messages/server.js";
import { findRunById, showRunById } from "../../runtime/run/run-lookup.js";
import { listRuns } from "../../runtime/run/runs.js";
import type { SpecPolicy } from "../../runtime/spec/spec-policy.js";
import { scrubPathsDeep } from "../../runtime/spec/workspace-paths.js";
import { requireRole } from "../middleware/authenticate.js";
import { sendError } from "../middleware/errors.js";
import type { ServerStore } from "../store.js";
import { answerRunQuery, isRunQuery } from "./runs-query.js";

/**
 * Run folders: list, details (record + metrics) and the HTML tear sheet;
 * `GET /runs` with query parameters queries the tracking store instead.
 * `:id` is a run id (or unique prefix) looked up among the runs folder's
 * entries, never a path; answers carry no absolute server path.
 */
export function runRoutes(runsDir: string, policy: SpecPolicy, store: ServerStore): Router {
  const router = Router();
  router.get("/runs", requireRole("viewer"), async (req, res) => {
    // With sort, filter, columns, limit or offset: a query of the tracking store.
    if (isRunQuery(req)) return answerRunQuery(req, res, store, store.config.query, policy);
    res.json(
      scrubPathsDeep({ runs: listRuns(runsDir).map(({ dir: _dir, ...run }) => run) }, policy),
    );
  });
  router.get("/runs/:id", requireRole("viewer"), (req, res) => {
    const { dir: _dir, ...details } = showRunById(param(req, "id"), runsDir);
    res.json(scrubPathsDeep(details, policy));
  });
  router.get("/runs/:id/report", requireRole("viewer"), (req, res) => {
    const id = param(req, "id");
    const file = join(findRunById(id, runsDir), "report.html");
    if (!existsSync(file)) return sendError(res, 404, "not_found", serverMessages.noReport(id));
    res.type("html").sendFile(file);
  });
  return router;
}
