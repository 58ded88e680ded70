import { specMessages } from "../messages/spec.js";
import { childPointer, isPlainObject, setOwn } from "./pointer.js";
import type { Problem } from "./problem.js";
import { hasEnvReference, parseSecretText, SecretRef } from "./secret-ref.js";

/**
 * Turns `${env:NAME}` text in secret fields into `SecretRef`s and reports
 * references outside secret fields, malformed references and unset variables.
 */
export function extractSecrets(
  data: unknown,
  secretPointers: ReadonlySet<string>,
  environ: Record<string, string | undefined>,
): { data: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  const visit = (value: unknown, pointer: string): unknown => {
    if (typeof value === "string") {
      if (!hasEnvReference(value)) {
        if (secretPointers.has(pointer) && value !== "") {
          problems.push({
            pointer,
            anchor: "value",
            message: specMessages.plainSecret(),
            hint: specMessages.plainSecretHint(),
            severity: "warning",
          });
        }
        return value;
      }
      if (!secretPointers.has(pointer)) {
        problems.push({
          pointer,
          anchor: "value",
          message: specMessages.envNotSecret(value),
          hint: specMessages.envNotSecretHint(),
        });
        return value;
      }
      const { ref, bad } = parseSecretText(value);
      for (const text of bad) {
        problems.push({
          pointer,
          anchor: "value",
          message: specMessages.malformedRef(text),
          hint: specMessages.malformedRefHint(),
        });
      }
      for (const name of ref.names) {
        if (environ[name] === undefined) {
          problems.push({
            pointer,
            anchor: "value",
            message: specMessages.envUnset(name),
            hint: specMessages.envUnsetHint(name),
          });
        }
      }
      return ref.names.length > 0 ? ref : value;
    }
    if (Array.isArray(value)) return value.map((v, i) => visit(v, childPointer(pointer, i)));
    if (isPlainObject(value) && !(value instanceof SecretRef)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value))
        setOwn(out, k, visit(v, childPointer(pointer, k)));
      return out;
    }
    return value;
  };
  return { data: visit(data, ""), problems };
}
