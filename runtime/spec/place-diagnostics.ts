/**
 * Checks that run after loading (stage factories, sweep settings) throw
 * `UserError`s whose diagnostics name a spec path only. This runs such a
 * check and places each diagnostic at its file and line:col in the YAML.
 */
import { type Diagnostic, UserError } from "../core/errors.js";
import type { NodeOrigin } from "./position.js";

export function withPositions<T>(
  locate: (pointer: string) => NodeOrigin | undefined,
  file: string,
  check: () => T,
): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof UserError) || error.diagnostics.length === 0) throw error;
    const placed = error.diagnostics.map((d): Diagnostic => {
      if (d.line !== undefined) return d;
      const origin = locate(d.path);
      const at = origin?.key ?? origin?.value;
      return at
        ? { ...d, file: origin!.file, line: at.line, col: at.col }
        : { ...d, file: d.file || file };
    });
    throw new UserError(error.message, placed);
  }
}
