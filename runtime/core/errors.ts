/**
 * Errors the user can fix (bad spec, bad data file, bad CLI argument) are
 * `UserError`s: the CLI prints their message without a stack trace and exits 2.
 * Anything else is a runtime failure (exit 1).
 */
export interface Diagnostic {
  /** File the problem is in (absolute or as given by the user). */
  file: string;
  /** 1-based line and column in that file, when known. */
  line?: number;
  col?: number;
  /** JSON pointer into the spec, e.g. `/backtest/costs/commission`. */
  path: string;
  message: string;
  /** A fix-it: "did you mean …?", valid values, an example. */
  hint?: string;
  severity: "error" | "warning";
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? `${d.file}:${d.line}:${d.col ?? 1}` : d.file;
  const hint = d.hint ? ` (${d.hint})` : "";
  return `${where}  ${d.path || "/"}  ${d.message}${hint}`;
}

export class UserError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message);
    this.name = "UserError";
    this.diagnostics = diagnostics;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
