import { type Diagnostic, formatDiagnostic } from "../core/errors.js";
import { messages } from "../messages/index.js";
import { validateSpecFile } from "../spec/index.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";

export interface ValidateOptions {
  readonly json?: boolean;
  readonly env?: string;
}

/** `drlwb validate <files…>`: every problem of every file at once; exit 2 if any is invalid. */
export function validateCommand(
  files: readonly string[],
  options: ValidateOptions,
  io: CliIO,
): ExitCode {
  const results = files.map((file) => {
    const diagnostics: Diagnostic[] = validateSpecFile(file, {
      ...(options.env ? { env: options.env } : {}),
      environ: process.env,
    });
    return { file, valid: !diagnostics.some((d) => d.severity === "error"), diagnostics };
  });
  if (options.json) {
    printJson(io, results);
  } else {
    for (const result of results) {
      for (const d of result.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      if (result.valid) io.stdout.write(`${messages.run.specValid(result.file)}\n`);
      else {
        const count = result.diagnostics.filter((d) => d.severity === "error").length;
        io.stderr.write(`${messages.run.specInvalid(result.file, count)}\n`);
      }
    }
  }
  return results.every((r) => r.valid) ? EXIT.ok : EXIT.invalid;
}
