import { type Diagnostic, UserError } from "../core/errors.js";
import { regimeMessages } from "../messages/regime.js";

/** A UserError with one diagnostic at `path` (a JSON pointer into the spec). */
export function specError(file: string, path: string, message: string, hint?: string): UserError {
  const diagnostic: Diagnostic = {
    file,
    path,
    message,
    severity: "error",
    ...(hint ? { hint } : {}),
  };
  return new UserError(regimeMessages.invalidSection(file, path, message), [diagnostic]);
}
