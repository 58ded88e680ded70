/**
 * The one way a spec check reports a problem: a `Diagnostic` at a spec
 * location (file, JSON pointer and, when the spec was loaded from YAML, the
 * line:col of the key) with a fix-it hint, wrapped in a `UserError`.
 */
import { type Diagnostic, UserError } from "./errors.js";
import type { SpecLocation } from "./spec-location.js";

/** The diagnostic for a problem at `loc`. */
export function specDiagnostic(loc: SpecLocation, message: string, hint?: string): Diagnostic {
  const point = loc.locate?.(loc.pointer);
  return {
    file: point?.file ?? loc.file,
    ...(point ? { line: point.line, col: point.col } : {}),
    path: loc.pointer,
    message,
    ...(hint ? { hint } : {}),
    severity: "error",
  };
}

/** A `UserError` for a problem at `loc` (throw it). */
export function specError(loc: SpecLocation, message: string, hint?: string): UserError {
  return new UserError(message, [specDiagnostic(loc, message, hint)]);
}

/** Throws the first of `diagnostics` (with all of them attached) as a `UserError`; nothing when empty. */
export function throwFirst(diagnostics: readonly Diagnostic[]): void {
  const first = diagnostics[0];
  if (first) throw new UserError(first.message, diagnostics);
}
