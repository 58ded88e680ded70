import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { NextFunction, Request, Response } from "express";

export interface AuditEntry {
  readonly time: string;
  readonly requestId?: string;
  readonly subject?: string;
  readonly role?: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly outcome: "ok" | "refused" | "error";
}

/**
 * Middleware for the routes that change state (alias moves, deletions, backtest
 * jobs): appends one JSON line per call to an append-only audit log — who,
 * what, when and the outcome, refusals included. Routes that only compute
 * (predictions) or read do not take it.
 */
export function auditLog(file: string) {
  mkdirSync(dirname(file), { recursive: true });
  return (req: Request, res: Response, next: NextFunction) => {
    res.on("finish", () => {
      const principal = res.locals.principal as { subject?: string; role?: string } | undefined;
      const entry: AuditEntry = {
        time: new Date().toISOString(),
        ...(res.locals.requestId ? { requestId: res.locals.requestId as string } : {}),
        ...(principal?.subject ? { subject: principal.subject, role: principal.role } : {}),
        method: req.method,
        path: req.originalUrl.split("?")[0] ?? req.originalUrl,
        status: res.statusCode,
        outcome: res.statusCode < 400 ? "ok" : res.statusCode < 500 ? "refused" : "error",
      };
      appendFileSync(file, `${JSON.stringify(entry)}\n`, { flag: "a" });
    });
    next();
  };
}
