import { UserError } from "../core/errors.js";
import { specMessages } from "../messages/spec.js";
import { isPlainObject, setOwn } from "./pointer.js";

/** One piece of a secret's text: literal text or the value of an environment variable. */
export type SecretPart = string | { readonly env: string };

/**
 * A secret written in a spec as `${env:NAME}` (possibly inside other text,
 * e.g. `Bearer ${env:TOKEN}`). Parsed at load; only `resolveSecrets` reads the
 * environment, and `redactSecrets` turns it back into the reference text, so
 * the value is never written to disk. A class, so YAML data can never forge one.
 */
export class SecretRef {
  constructor(readonly parts: readonly SecretPart[]) {}

  /** The environment variables it needs. */
  get names(): string[] {
    return this.parts.flatMap((p) => (typeof p === "string" ? [] : [p.env]));
  }

  /** The reference as written in the spec (`${env:NAME}`), never the value. */
  get text(): string {
    return this.parts.map((p) => (typeof p === "string" ? p : `\${env:${p.env}}`)).join("");
  }

  toString(): string {
    return this.text;
  }

  toJSON(): string {
    return this.text;
  }
}

/** What a secret field holds after normalization: plain text, or a reference to resolve when needed. */
export type SecretString = string | SecretRef;

const REFERENCE = /\$\{env:([^}]*)\}/g;
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function hasEnvReference(text: string): boolean {
  return text.includes("${env:");
}

/** Whether `text` refers to a granted secret, `${secret:NAME}` (see secret-grants.ts). */
export function hasSecretReference(text: string): boolean {
  return text.includes("${secret:");
}

/** Splits text into literal parts and references; `bad` lists malformed names. */
export function parseSecretText(text: string): { ref: SecretRef; bad: string[] } {
  const parts: SecretPart[] = [];
  const bad: string[] = [];
  let last = 0;
  for (const match of text.matchAll(REFERENCE)) {
    const name = match[1] ?? "";
    const index = match.index ?? 0;
    if (index > last) parts.push(text.slice(last, index));
    if (ENV_NAME.test(name)) parts.push({ env: name });
    else {
      bad.push(match[0]);
      parts.push(match[0]);
    }
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  if (!parts.some((p) => typeof p !== "string") && text.includes("${env:")) bad.push(text);
  return { ref: new SecretRef(parts), bad };
}

export function isSecretRef(value: unknown): value is SecretRef {
  return value instanceof SecretRef;
}

/** `T` with every SecretRef replaced by a string. */
export type WithoutSecretRefs<T> = T extends SecretRef
  ? string
  : T extends readonly (infer U)[]
    ? WithoutSecretRefs<U>[]
    : T extends object
      ? { [K in keyof T]: WithoutSecretRefs<T[K]> }
      : T;

function mapSecrets(value: unknown, replace: (ref: SecretRef) => string): unknown {
  if (value instanceof SecretRef) return replace(value);
  if (Array.isArray(value)) return value.map((v) => mapSecrets(v, replace));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, mapSecrets(v, replace));
    return out;
  }
  return value;
}

/**
 * Resolves every secret in `value` from `environ` (for the stage that needs
 * the values; keep the result in memory only). Throws a UserError naming the
 * variable when one is unset.
 */
export function resolveSecrets<T>(
  value: T,
  environ: Record<string, string | undefined>,
): WithoutSecretRefs<T> {
  return mapSecrets(value, (ref) =>
    ref.parts
      .map((part) => {
        if (typeof part === "string") return part;
        const resolved = environ[part.env];
        if (resolved === undefined) throw new UserError(specMessages.secretUnresolved(part.env));
        return resolved;
      })
      .join(""),
  ) as WithoutSecretRefs<T>;
}

/** Replaces every secret with its reference text (`${env:NAME}`): safe to write to disk, stable to hash. */
export function redactSecrets<T>(value: T): WithoutSecretRefs<T> {
  return mapSecrets(value, (ref) => ref.text) as WithoutSecretRefs<T>;
}
