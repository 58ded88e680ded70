import type { Selectable } from "kysely";
import type {
  AuditEntry,
  AuditLine,
  AuditMirror,
  AuthFailureEntry,
  CliAuditEntry,
} from "../registry/audit-log.js";
import type { TrackingStore } from "./open-store.js";
import { safeErrorText } from "./safe-error.js";
import type { AuditTable } from "./tables.js";

/** One row of the `audit` table as written (the row id is the database's). */
export interface AuditRecord {
  readonly time: string;
  /** A user, `key:<name>` for an API key (never the key), `cli:<login>`, `address:<ip>`, `anonymous`. */
  readonly actor: string;
  /** `models.alias`, `models.delete`, `backtests.submit`, `jobs.cancel`, `auth.failed`, or `<method> <path>`. */
  readonly action: string;
  /** What it was done to: a model, `model@version`, a job id, the path. */
  readonly target: string;
  readonly outcome: "ok" | "denied" | "failed";
  /** The rest of the log line (request id, role, method, path, status or exit code, via). */
  readonly detail: Readonly<Record<string, unknown>>;
}

const OUTCOMES = new Map<string, AuditRecord["outcome"]>([
  ["ok", "ok"],
  ["refused", "denied"],
  ["error", "failed"],
]);

/** The registry and job calls the audit names (path segments URL-encoded, as logged). */
const ACTIONS: readonly {
  readonly method: string;
  readonly path: RegExp;
  readonly action: string;
  readonly target: (m: RegExpExecArray) => string;
}[] = [
  {
    method: "POST",
    path: /^\/models\/([^/]+)\/aliases$/,
    action: "models.alias",
    target: (m) => decode(m[1]),
  },
  {
    method: "DELETE",
    path: /^\/models\/([^/]+)\/versions\/([^/]+)$/,
    action: "models.delete",
    target: (m) => `${decode(m[1])}@${decode(m[2])}`,
  },
  {
    method: "DELETE",
    path: /^\/models\/([^/]+)$/,
    action: "models.delete",
    target: (m) => decode(m[1]),
  },
  { method: "POST", path: /^\/backtests$/, action: "backtests.submit", target: () => "" },
  {
    method: "DELETE",
    path: /^\/jobs\/([^/]+)$/,
    action: "jobs.cancel",
    target: (m) => decode(m[1]),
  },
];

function decode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? "");
  } catch {
    return segment ?? "";
  }
}

function actionOf(method: string, path: string): { action: string; target: string } {
  for (const known of ACTIONS) {
    if (known.method !== method) continue;
    const match = known.path.exec(path);
    if (match) return { action: known.action, target: known.target(match) };
  }
  return { action: `${method.toLowerCase()} ${path}`, target: path };
}

/** A line of the audit log as its `audit` row (the same facts; the file stays the mirror). */
export function auditRecordOf(line: AuditLine): AuditRecord {
  if ("event" in line) return authFailureRecord(line);
  if ("via" in line) return cliRecord(line);
  return serverRecord(line);
}

function serverRecord(line: AuditEntry): AuditRecord {
  const { action, target } = actionOf(line.method, line.path);
  return {
    time: line.time,
    actor: line.subject ?? "anonymous",
    action,
    target,
    outcome: OUTCOMES.get(line.outcome) ?? "failed",
    detail: {
      via: "server",
      ...(line.requestId !== undefined ? { requestId: line.requestId } : {}),
      ...(line.role !== undefined ? { role: line.role } : {}),
      method: line.method,
      path: line.path,
      status: line.status,
    },
  };
}

function cliRecord(line: CliAuditEntry): AuditRecord {
  const { action, target } = actionOf(line.method, line.path);
  return {
    time: line.time,
    actor: `cli:${line.subject}`,
    action,
    target,
    outcome: OUTCOMES.get(line.outcome) ?? "failed",
    detail: { via: "cli", method: line.method, path: line.path, exitCode: line.exitCode },
  };
}

function authFailureRecord(line: AuthFailureEntry): AuditRecord {
  return {
    time: line.time,
    actor: `address:${line.address}`,
    action: "auth.failed",
    target: line.path,
    outcome: "denied",
    detail: {
      via: "server",
      ...(line.requestId !== undefined ? { requestId: line.requestId } : {}),
      credential: line.credential,
      reason: line.reason,
      method: line.method,
      status: line.status,
    },
  };
}

/** Appends audit rows (one statement). */
export async function writeAudit(
  store: TrackingStore,
  records: readonly AuditRecord[],
): Promise<void> {
  if (records.length === 0) return;
  await store.db
    .insertInto("audit")
    .values(records.map((r) => ({ ...r, detail: JSON.stringify(r.detail) })))
    .execute();
}

export interface AuditQuery {
  readonly actor?: string;
  readonly action?: string;
  readonly target?: string;
  /** ISO times: `from` inclusive, `to` exclusive. */
  readonly from?: string;
  readonly to?: string;
  /** Newest first, at most this many (default 1000). */
  readonly limit?: number;
}

/** Audit rows matching `query`, newest first. */
export async function listAudit(
  store: TrackingStore,
  query: AuditQuery = {},
): Promise<Selectable<AuditTable>[]> {
  let q = store.db.selectFrom("audit").selectAll();
  if (query.actor !== undefined) q = q.where("actor", "=", query.actor);
  if (query.action !== undefined) q = q.where("action", "=", query.action);
  if (query.target !== undefined) q = q.where("target", "=", query.target);
  if (query.from !== undefined) q = q.where("time", ">=", query.from);
  if (query.to !== undefined) q = q.where("time", "<", query.to);
  return q
    .orderBy("time", "desc")
    .orderBy("id", "desc")
    .limit(query.limit ?? 1000)
    .execute();
}

/**
 * The store side of the audit log: each line appended to the file is also
 * written to `audit`, in the background (the file is written first and
 * synchronously, as before; a store that is down costs the row, counted,
 * never the call). `settle()` waits for the writes in flight (shutdown, CLI
 * exit).
 */
export class StoreAuditMirror implements AuditMirror {
  private readonly pending = new Set<Promise<void>>();
  written = 0;
  failed = 0;
  lastError: string | null = null;

  private readonly store: () => Promise<TrackingStore>;

  /** `store`: an open store, or a function that gives it (the server's, opened on first use). */
  constructor(store: TrackingStore | (() => Promise<TrackingStore>)) {
    this.store = typeof store === "function" ? store : () => Promise.resolve(store);
  }

  record(line: AuditLine): void {
    let record: AuditRecord;
    try {
      record = auditRecordOf(line);
    } catch (error) {
      this.fail(error);
      return;
    }
    const write = this.store()
      .then((store) => writeAudit(store, [record]))
      .then(
        () => {
          this.written++;
        },
        (error: unknown) => this.fail(error),
      );
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private fail(error: unknown): void {
    this.failed++;
    this.lastError = safeErrorText(error);
  }
}
