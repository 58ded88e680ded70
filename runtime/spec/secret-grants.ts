/**
 * `${secret:NAME}`: a secret the operator grants to specs by name (the
 * server's `specs.secrets` maps NAME → an environment variable). A spec never
 * learns or chooses the variable; the loader replaces the reference with the
 * granted variable's `${env:VAR}` so the runtime resolves it like any other
 * secret, only when a stage needs it. Under a policy without `allowEnv`
 * (the server's), `${env:…}` itself is refused.
 */
import { policyMessages } from "../messages/policy.js";
import type { Problem } from "./problem.js";
import { grantedSecret, grantedSecretNames, SECRET_NAME, type SpecPolicy } from "./spec-policy.js";

const SECRET_REFERENCE = /\$\{secret:([^}]*)\}/g;

export interface GrantedText {
  /** The text with every granted `${secret:NAME}` replaced by `${env:VAR}`. */
  readonly text: string;
  /** VAR → NAME, to word problems in terms of the secret. */
  readonly secretOf: ReadonlyMap<string, string>;
  /** Problems without a pointer (the caller adds it). */
  readonly problems: Omit<Problem, "pointer">[];
}

export function grantSecrets(text: string, policy: SpecPolicy): GrantedText {
  const problems: Omit<Problem, "pointer">[] = [];
  const secretOf = new Map<string, string>();
  const granted = grantedSecretNames(policy);
  if (!policy.allowEnv && text.includes("${env:")) {
    problems.push({
      anchor: "value",
      message: policyMessages.envNotAllowed(),
      hint: policyMessages.envNotAllowedHint(granted),
    });
  }
  const replaced = text.replace(SECRET_REFERENCE, (match, name: string) => {
    if (!SECRET_NAME.test(name)) {
      problems.push({
        anchor: "value",
        message: policyMessages.malformedSecret(match),
        hint: policyMessages.malformedSecretHint(),
      });
      return match;
    }
    const env = grantedSecret(policy, name);
    if (env === undefined) {
      problems.push({
        anchor: "value",
        message: policyMessages.unknownSecret(name, granted),
        hint: policyMessages.unknownSecretHint(),
      });
      return match;
    }
    secretOf.set(env, name);
    return `\${env:${env}}`;
  });
  if (problems.length === 0 && replaced.includes("${secret:")) {
    problems.push({
      anchor: "value",
      message: policyMessages.malformedSecret(replaced.slice(replaced.indexOf("${secret:"))),
      hint: policyMessages.malformedSecretHint(),
    });
  }
  return { text: replaced, secretOf, problems };
}
