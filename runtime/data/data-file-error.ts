/**
 * A problem inside a data file (a row, its header, the file itself) that a
 * spec key reads: the diagnostic names the data file as the user gave it and
 * the line when known, plus the pointer of the spec key at `loc` (the key to
 * change when the file is right). Problems with the spec's own keys use
 * `specError` (core/spec-error.ts) and name the spec file instead.
 */
import { type Diagnostic, UserError } from "../core/errors.js";
import type { SpecLocation } from "../core/spec-location.js";

/** Where in the data file: its 1-based line (and column, default 1). */
export interface DataFilePoint {
  readonly line: number;
  readonly col?: number;
}

export function dataFileDiagnostic(
  file: string,
  at: DataFilePoint | undefined,
  loc: SpecLocation,
  message: string,
  hint?: string,
): Diagnostic {
  return {
    file,
    ...(at ? { line: at.line, col: at.col ?? 1 } : {}),
    path: loc.pointer,
    message,
    ...(hint ? { hint } : {}),
    severity: "error",
  };
}

/** A `UserError` for a problem in a data file (throw it). */
export function dataFileError(
  file: string,
  at: DataFilePoint | undefined,
  loc: SpecLocation,
  message: string,
  hint?: string,
): UserError {
  return new UserError(message, [dataFileDiagnostic(file, at, loc, message, hint)]);
}
