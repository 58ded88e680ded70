import { existsSync } from "node:fs";
import { join } from "node:path";
import { Router } from "express";
import { param } from "./params.js";
import { listRuns, showRun } from "../../runtime/run/runs.js";
import { requireRole } from "../middleware/authenticate.js";
import { sendError } from "../middleware/errors.js";

/** Run folders: list, details (record + metrics) and the HTML tear sheet. */
export function runRoutes(runsDir: string): Router {
  const router = Router();
  router.get("/runs", requireRole("viewer"), (_req, res) => {
    res.json({ runs: listRuns(runsDir).map(({ dir: _dir, ...run }) => run) });
  });
  router.get("/runs/:id", requireRole("viewer"), (req, res) => {
    const { dir: _dir, ...details } = showRun(param(req, "id"), runsDir);
    res.json(details);
  });
  router.get("/runs/:id/report", requireRole("viewer"), (req, res) => {
    const { dir } = showRun(param(req, "id"), runsDir);
    const file = join(dir, "report.html");
    if (!existsSync(file))
      return sendError(res, 404, "not_found", `run ${req.params.id} has no report.html`);
    res.type("html").sendFile(file);
  });
  return router;
}
