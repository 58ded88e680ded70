/**
 * The registry's append-only audit log (`<registry>/audit.log`, JSON lines,
 * owner-only): every change to the registry — an alias moved, a version or a
 * model deleted — through the server (server/middleware/audit.ts) or the
 * `drlwb models` commands, and every failed authentication at the server.
 * One writer for all of them, so the file has one format.
 */
import { appendFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";

/** The audit log of the registry at `registryRoot` (the server's default too). */
export function auditFileOf(registryRoot: string): string {
  return join(registryRoot, "audit.log");
}

export type AuditOutcome = "ok" | "refused" | "error";

/** A state-changing call to the server: who, what, when, the HTTP status and the outcome. */
export interface AuditEntry {
  readonly time: string;
  readonly requestId?: string;
  readonly subject?: string;
  readonly role?: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly outcome: AuditOutcome;
}

/**
 * The same change made with `drlwb models …` on this machine: `method` and
 * `path` name the equivalent API call, `via: "cli"`, the local user as
 * subject, the command's exit code instead of an HTTP status.
 */
export interface CliAuditEntry {
  readonly time: string;
  readonly via: "cli";
  readonly subject: string;
  readonly method: string;
  readonly path: string;
  readonly exitCode: number;
  readonly outcome: AuditOutcome;
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

/** Any line of the audit log. */
export type AuditLine = AuditEntry | CliAuditEntry | AuthFailureEntry;

/**
 * A second home for audit lines: the tracking store's `audit` table
 * (runtime/store/audit.ts). `record` must not throw or wait.
 */
export interface AuditMirror {
  record(entry: AuditLine): void;
}

/**
 * Appends one JSON line to the audit log (its folder must exist), created
 * owner-only (0600), then hands it to `mirror` (the store) when there is one.
 */
export function appendAuditLine(file: string, entry: AuditLine, mirror?: AuditMirror): void {
  appendFileSync(file, `${JSON.stringify(entry)}\n`, { flag: "a", mode: 0o600 });
  try {
    mirror?.record(entry);
  } catch {
    // The file has the line; the store's copy is best effort.
  }
}

/** Who runs this process, for CLI audit lines (the login name; the uid when there is none). */
export function localSubject(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid:${process.getuid?.() ?? "unknown"}`;
  }
}
