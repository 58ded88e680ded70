/**
 * `drlwb models alias` and `drlwb models delete` change the registry like
 * `POST /models/:name/aliases` and `DELETE /models/:name/versions/:v` do, so
 * they are written to the same audit log (runtime/registry/audit-log.ts):
 * the equivalent API call, the local user, the outcome — refusals included.
 */
import { isUserError } from "../runtime/core/errors.js";
import {
  type AuditOutcome,
  type CliAuditEntry,
  appendAuditLine,
  auditFileOf,
  localSubject,
} from "../runtime/registry/audit-log.js";
import type { RegistryBackend } from "../runtime/registry/backend.js";
import { type CliAuditStore, storeAuditLine } from "./audit-store.js";
import { EXIT } from "./io.js";

/** The API call a CLI change stands for: its method and path (segments URL-encoded, as the server logs them). */
export interface AuditedCall {
  readonly method: "POST" | "DELETE";
  readonly segments: readonly string[];
}

/**
 * Runs `change` on `registry` and appends its audit line, whatever the
 * outcome; with `store`, the line also goes to the tracking store's `audit`
 * table (cli/audit-store.ts).
 */
export async function auditedChange<T>(
  registry: RegistryBackend,
  call: AuditedCall,
  change: (registry: RegistryBackend) => Promise<T>,
  store?: CliAuditStore,
): Promise<T> {
  const record = async (outcome: AuditOutcome, exitCode: number): Promise<void> => {
    const line: CliAuditEntry = {
      time: new Date().toISOString(),
      via: "cli",
      subject: localSubject(),
      method: call.method,
      path: `/${call.segments.map(encodeURIComponent).join("/")}`,
      exitCode,
      outcome,
    };
    appendAuditLine(auditFileOf(registry.root), line);
    if (store !== undefined) await storeAuditLine(line, store);
  };
  let value: T;
  try {
    value = await change(registry);
  } catch (error) {
    if (isUserError(error)) await record("refused", EXIT.invalid);
    else await record("error", EXIT.failure);
    throw error;
  }
  await record("ok", EXIT.ok);
  return value;
}
