import { type Diagnostic, formatDiagnostic, UserError } from "../runtime/core/errors.js";
import { checkSweepSpecFile } from "../runtime/run/check-sweep-spec.js";
import { compileSpecFile } from "../runtime/run/run-spec.js";
import { messages } from "../runtime/messages/index.js";
import { loadSpec, validateSpecFile } from "../runtime/spec/index.js";
import { cliSpecPolicy, type SpecPolicy } from "../runtime/spec/spec-policy.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";

export interface ValidateOptions {
  readonly json?: boolean;
  readonly env?: string;
  /** Hosts the specs may make the runtime contact (default: any). */
  readonly allowHost?: readonly string[];
}

/**
 * An experiment spec must also compile: the stages check their own sections
 * (contradicting limits, `fast < slow`, …). A sweep must pass the sweep's own
 * checks against its base (a rule strategy, metric names, …). So a spec that
 * validates does not fail on its spec when it runs.
 */
function compileProblems(file: string, env: string | undefined, policy: SpecPolicy): Diagnostic[] {
  const options = { ...(env ? { env } : {}), environ: process.env, policy };
  const loaded = loadSpec(file, options);
  if (!loaded.ok || (loaded.kind !== "experiment" && loaded.kind !== "sweep")) return [];
  try {
    if (loaded.kind === "sweep") checkSweepSpecFile(file, options);
    else compileSpecFile(file, { ...(env ? { env } : {}), policy });
    return [];
  } catch (error) {
    if (error instanceof UserError) {
      return error.diagnostics.length
        ? [...error.diagnostics]
        : [{ file, path: "", message: error.message, severity: "error" }];
    }
    throw error;
  }
}

/** `drlwb validate <files…>`: every problem of every file at once; exit 2 if any is invalid. */
export function validateCommand(
  files: readonly string[],
  options: ValidateOptions,
  io: CliIO,
): ExitCode {
  const policy = cliSpecPolicy(
    options.allowHost?.length ? { allowedHttpHosts: options.allowHost } : {},
  );
  const results = files.map((file) => {
    const diagnostics: Diagnostic[] = validateSpecFile(file, {
      ...(options.env ? { env: options.env } : {}),
      environ: process.env,
      policy,
    });
    if (!diagnostics.some((d) => d.severity === "error"))
      diagnostics.push(...compileProblems(file, options.env, policy));
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
