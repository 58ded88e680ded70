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
 * Appends one JSON line per mutating call (anything but GET/HEAD/OPTIONS) to
 * an append-only audit log: who, what, when and the outcome.
 */
export function auditLog(file: string) {
  mkdirSync(dirname(file), { recursive: true });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
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
