import { UserError } from "../../core/errors.js";
import { dataIoMessages } from "../../messages/data-io.js";
import type { SecretString } from "../../spec/secret-ref.js";

const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Names of the `${env:NAME}` references in `text`. */
export function envRefNames(text: string): string[] {
  return [...text.matchAll(ENV_REF)].map((m) => m[1]!);
}

/**
 * Replaces every `${env:NAME}` in `text` with the variable's value, at the
 * moment of the call (keys are never copied into configs, plans or logs).
 * A missing or empty variable is a UserError naming the variable and the
 * setting that uses it.
 */
export function resolveEnvRefs(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  usedBy: string,
): string {
  return text.replace(ENV_REF, (_match, name: string) => {
    const value = env[name];
    if (value === undefined || value === "") {
      throw new UserError(dataIoMessages.missingEnv(name, usedBy));
    }
    return value;
  });
}

/** Replaces each secret value occurring in `text` with `***` (for messages and logs). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    out = out.split(secret).join("***");
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join("***");
  }
  return out;
}

/** The `${env:NAME}` reference text for `name` (for configs built in code). */
export function envRef(name: string): string {
  return `\${env:${name}}`;
}

/** The reference text of a secret field: a plain string, or a normalized spec's SecretRef. */
export function secretText(value: SecretString): string {
  return typeof value === "string" ? value : value.text;
}
