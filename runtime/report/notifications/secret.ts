import { UserError } from "../../core/errors.js";

const REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

/**
 * Resolves a `${env:NAME}` secret reference from the spec at the moment it is
 * used (the run folder keeps the reference, never the value). Plain strings
 * pass through. An unset variable is a user error naming it and the spec path.
 */
export function resolveSecret(
  value: string,
  specPath: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const match = REF.exec(value.trim());
  if (!match) return value;
  const name = match[1]!;
  const resolved = env[name];
  if (resolved === undefined || resolved === "") {
    throw new UserError(`environment variable ${name} is not set (needed by ${specPath})`, [
      {
        file: "<environment>",
        path: specPath,
        message: `\${env:${name}} is not set`,
        hint: `export ${name}=… before the run, or remove ${specPath} from the spec`,
        severity: "error",
      },
    ]);
  }
  return resolved;
}
