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
 * A failed authentication: who tried (client address), with what kind of
 * credential, why it failed (a fixed code such as `bad_signature`,
 * `unknown_api_key`, `throttled`), and when. Never the presented token or key.
 */
export interface AuthFailureEntry {
  readonly time: string;
  readonly event: "auth_failed";
  readonly requestId?: string;
  readonly address: string;
  readonly credential: "bearer" | "api-key";
  readonly reason: string;
  readonly method: string;
  readonly path: string;
  readonly status: 401 | 429;
}

/** Appends one JSON line to the audit log, created owner-only (0600). */
export function appendAuditLine(file: string, entry: AuditEntry | AuthFailureEntry): void {
  appendFileSync(file, `${JSON.stringify(entry)}\n`, { flag: "a", mode: 0o600 });
}

/** The request path without its query string (which may carry anything). */
export function auditPath(req: Request): string {
  return req.originalUrl.split("?")[0] ?? req.originalUrl;
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
        path: auditPath(req),
        status: res.statusCode,
        outcome: res.statusCode < 400 ? "ok" : res.statusCode < 500 ? "refused" : "error",
      };
      appendAuditLine(file, entry);
    });
    next();
  };
}
