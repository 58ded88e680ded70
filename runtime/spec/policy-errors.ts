/**
 * Errors as the submitter of a spec may see them: under a server policy,
 * diagnostics name files relative to the workspace and no message or hint
 * keeps an absolute server path. Under the CLI's policy, unchanged.
 */
import { type Diagnostic, formatDiagnostic, isUserError, UserError } from "../core/errors.js";
import type { SpecPolicy } from "./spec-policy.js";
import { displayPath, scrubPaths } from "./workspace-paths.js";

export function presentDiagnostics(
  diagnostics: readonly Diagnostic[],
  policy: SpecPolicy,
): Diagnostic[] {
  if (policy.mode !== "server") return [...diagnostics];
  return diagnostics.map((d) => ({
    ...d,
    file: d.file.startsWith("/") ? displayPath(policy, d.file) : scrubPaths(d.file, policy),
    message: scrubPaths(d.message, policy),
    ...(d.hint !== undefined ? { hint: scrubPaths(d.hint, policy) } : {}),
  }));
}

/** A UserError with its message and diagnostics presented for `policy`. */
export function presentUserError(error: UserError, policy: SpecPolicy): UserError {
  if (policy.mode !== "server") return error;
  return new UserError(
    scrubPaths(error.message, policy),
    presentDiagnostics(error.diagnostics, policy),
  );
}

/**
 * One text for a job's or a run's error: the message, then one
 * `file:line:col  /path  message (hint)` line per diagnostic, presented for `policy`.
 */
export function describeError(error: unknown, policy: SpecPolicy): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = isUserError(error)
    ? presentDiagnostics(error.diagnostics, policy).map((d) => formatDiagnostic(d))
    : [];
  return [scrubPaths(message, policy), ...lines].join("\n");
}
