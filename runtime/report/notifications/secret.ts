import { UserError } from "../../core/errors.js";
import {
  isSecretRef,
  parseSecretText,
  resolveSecrets,
  type SecretString,
} from "../../spec/secret-ref.js";

/**
 * Resolves a secret from the spec at the moment it is used (the run folder
 * keeps the `${env:NAME}` reference, never the value): a normalized spec's
 * SecretRef, or plain text that may contain `${env:NAME}` (library callers).
 * An unset variable is a user error naming it and the spec path.
 */
export function resolveSecret(
  value: SecretString,
  specPath: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const ref = isSecretRef(value) ? value : parseSecretText(value).ref;
  try {
    return resolveSecrets(ref, { ...env });
  } catch (error) {
    const missing = ref.names.filter((name) => !env[name]);
    throw new UserError(
      `${error instanceof Error ? error.message : String(error)} (needed by ${specPath})`,
      [
        {
          file: "<environment>",
          path: specPath,
          message: `environment variable ${missing.join(", ")} is not set`,
          hint: `export ${missing[0] ?? "it"}=… before the run, or remove ${specPath} from the spec`,
          severity: "error",
        },
      ],
    );
  }
}
