import { policyMessages } from "../messages/policy.js";
import { specMessages } from "../messages/spec.js";
import { childPointer, isPlainObject, setOwn } from "./pointer.js";
import type { Problem } from "./problem.js";
import { hasEnvReference, hasSecretReference, parseSecretText, SecretRef } from "./secret-ref.js";
import { cliSpecPolicy, type SpecPolicy } from "./spec-policy.js";
import { grantSecrets } from "./secret-grants.js";

/**
 * Turns `${env:NAME}` text in secret fields into `SecretRef`s and reports
 * references outside secret fields, malformed references and unset variables.
 * `${secret:NAME}` references are replaced by the environment variable the
 * policy grants for NAME; a policy without `allowEnv` refuses `${env:…}`.
 */
export function extractSecrets(
  data: unknown,
  secretPointers: ReadonlySet<string>,
  environ: Record<string, string | undefined>,
  policy: SpecPolicy = cliSpecPolicy(),
): { data: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  const visit = (value: unknown, pointer: string): unknown => {
    if (typeof value === "string") {
      if (!hasEnvReference(value) && !hasSecretReference(value)) {
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
          message: hasEnvReference(value)
            ? specMessages.envNotSecret(value)
            : policyMessages.secretNotSecretField(value),
          hint: specMessages.envNotSecretHint(),
        });
        return value;
      }
      const granted = grantSecrets(value, policy);
      if (granted.problems.length > 0) {
        problems.push(...granted.problems.map((p) => ({ ...p, pointer })));
        return value;
      }
      const { ref, bad } = parseSecretText(granted.text);
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
          const secret = granted.secretOf.get(name);
          problems.push({
            pointer,
            anchor: "value",
            message:
              secret === undefined
                ? specMessages.envUnset(name)
                : policyMessages.secretUnavailable(secret),
            hint:
              secret === undefined
                ? specMessages.envUnsetHint(name)
                : policyMessages.secretUnavailableHint(),
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
