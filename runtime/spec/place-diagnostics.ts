/**
 * Checks that run after loading (stage factories, sweep settings) throw
 * `UserError`s whose diagnostics name a spec path only. This runs such a
 * check and places each diagnostic at its file and line:col in the YAML.
 */
import { type Diagnostic, UserError } from "../core/errors.js";
import type { NodeOrigin } from "./position.js";

type Locate = (pointer: string) => NodeOrigin | undefined;

export function withPositions<T>(locate: Locate, file: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw placed(error, locate, file);
  }
}

/** `withPositions` for an async check. */
export async function withPositionsAsync<T>(
  locate: Locate,
  file: string,
  check: () => Promise<T>,
): Promise<T> {
  try {
    return await check();
  } catch (error) {
    throw placed(error, locate, file);
  }
}

/** The error with its diagnostics placed in the YAML (other errors unchanged). */
function placed(error: unknown, locate: Locate, file: string): unknown {
  if (!(error instanceof UserError) || error.diagnostics.length === 0) return error;
  const diagnostics = error.diagnostics.map((d): Diagnostic => {
    if (d.line !== undefined) return d;
    const origin = locate(d.path);
    const at = origin?.key ?? origin?.value;
    return at
      ? { ...d, file: origin!.file, line: at.line, col: at.col }
      : { ...d, file: d.file || file };
  });
  return new UserError(error.message, diagnostics);
}
