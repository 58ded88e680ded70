/**
 * `drlwb models alias` and `drlwb models delete` change the registry like
 * `POST /models/:name/aliases` and `DELETE /models/:name/versions/:v` do, so
 * they are written to the same audit log (runtime/registry/audit-log.ts):
 * the equivalent API call, the local user, the outcome — refusals included.
 */
import { isUserError } from "../runtime/core/errors.js";
import {
  type AuditOutcome,
  appendAuditLine,
  auditFileOf,
  localSubject,
} from "../runtime/registry/audit-log.js";
import type { ModelRegistry } from "../runtime/registry/index.js";
import { EXIT } from "./io.js";

/** The API call a CLI change stands for: its method and path (segments URL-encoded, as the server logs them). */
export interface AuditedCall {
  readonly method: "POST" | "DELETE";
  readonly segments: readonly string[];
}

/** Runs `change` on `registry` and appends its audit line, whatever the outcome. */
export function auditedChange<T>(
  registry: ModelRegistry,
  call: AuditedCall,
  change: (registry: ModelRegistry) => T,
): T {
  const record = (outcome: AuditOutcome, exitCode: number): void =>
    appendAuditLine(auditFileOf(registry.root), {
      time: new Date().toISOString(),
      via: "cli",
      subject: localSubject(),
      method: call.method,
      path: `/${call.segments.map(encodeURIComponent).join("/")}`,
      exitCode,
      outcome,
    });
  let value: T;
  try {
    value = change(registry);
  } catch (error) {
    if (isUserError(error)) record("refused", EXIT.invalid);
    else record("error", EXIT.failure);
    throw error;
  }
  record("ok", EXIT.ok);
  return value;
}
