import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { NextFunction, Request, Response } from "express";
import {
  type AuditEntry,
  type AuditMirror,
  appendAuditLine,
} from "../../runtime/registry/audit-log.js";

export {
  type AuditEntry,
  type AuthFailureEntry,
  appendAuditLine,
} from "../../runtime/registry/audit-log.js";

/** The request path without its query string (which may carry anything). */
export function auditPath(req: Request): string {
  return req.originalUrl.split("?")[0] ?? req.originalUrl;
}

/**
 * Middleware for the routes that change state (alias moves, deletions, backtest
 * jobs): appends one JSON line per call to an append-only audit log — who,
 * what, when and the outcome, refusals included — and hands it to `mirror`
 * (the tracking store's `audit` table). Routes that only compute
 * (predictions) or read do not take it.
 */
export function auditLog(file: string, mirror?: AuditMirror) {
  mkdirSync(dirname(file), { recursive: true });
  return (req: Request, res: Response, next: NextFunction) => {
    res.on("finish", () => {
      const principal = res.locals.principal as { subject?: string; role?: string } | undefined;
      const entry: AuditEntry = {
        time: new Date().toISOString(),
        ...(res.locals.requestId ? { requestId: res.locals.requestId as string } : {}),
        ...(principal?.subject ? { subject: principal.subject, role: principal.role } : {}),
        method: req.method,
        path: auditPath(req),
        status: res.statusCode,
        outcome: res.statusCode < 400 ? "ok" : res.statusCode < 500 ? "refused" : "error",
      };
      appendAuditLine(file, entry, mirror);
    });
    next();
  };
}
