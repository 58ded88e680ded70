import type { ErrorObject } from "ajv/dist/2020.js";
import { childPointer, parentPointer } from "./pointer.js";
import { explainOne, knownProperties } from "./explain-keyword.js";
import { branchErrorKeys, errorKey, explainUnion } from "./explain-union.js";
import type { Problem } from "./problem.js";
import type { SchemaObject, SchemaSet } from "./schema-set.js";

/**
 * Turns ajv's raw errors into one useful problem per real mistake. Unions
 * (`oneOf`/`anyOf`) are resolved to the branch the user meant (by a
 * discriminator such as `type:`, else by the value's JSON type, else the
 * closest branch) and explained from that branch alone; errors the branches
 * caused are dropped, errors of the union's own schema are kept; `if`
 * wrappers are dropped.
 *
 * `base` is the pointer of the validated value inside `root`.
 */
export function explainErrors(
  set: SchemaSet,
  errors: readonly ErrorObject[],
  root: unknown,
  base = "",
  depth = 0,
): Problem[] {
  const problems: Problem[] = [];
  let pending = withoutSpuriousUnevaluated(
    set,
    errors.map((e) => ({ error: e, path: base + e.instancePath })),
  );
  for (;;) {
    const unions = pending.filter((p) => isUnion(p.error));
    if (unions.length === 0) break;
    const outer = unions.reduce((a, b) => (b.path.length < a.path.length ? b : a));
    // ajv's `discriminator` ran no branch (the value names none): nothing to drop.
    const caused =
      outer.error.keyword === "discriminator"
        ? new Set<string>()
        : branchErrorKeys(set, outer.error, root, outer.path);
    pending = pending.filter(
      (p) =>
        p.error !== outer.error &&
        !(isUnder(p.path, outer.path) && caused.has(errorKey(set, p.error, p.path))),
    );
    const recurse = (branchErrors: readonly ErrorObject[], at: string) =>
      explainErrors(set, branchErrors, root, at, depth + 1);
    problems.push(...explainUnion(set, outer.error, root, outer.path, depth, recurse));
  }
  for (const { error, path } of pending) {
    const problem = explainOne(set, error, path);
    if (problem) problems.push(problem);
  }
  return dropMisspelledRequired(problems);
}

/**
 * A key declared by a union branch or an `if`'s `then` counts as evaluated
 * only when that subschema passes: when it fails, `unevaluatedProperties`
 * also flags every key it declares. Those are consequences, not mistakes —
 * the failed branch explains itself — so they are dropped where another
 * error is at or below the value (a failed union or `if` reports one at the
 * value; a discriminated union only its branch's own errors, at or below it)
 * and the schema declares the key for it.
 */
function withoutSpuriousUnevaluated<T extends { error: ErrorObject; path: string }>(
  set: SchemaSet,
  pending: readonly T[],
): T[] {
  // Every failed union or `if` reports an error at its value; a discriminated branch at or below it.
  const others = pending.filter((p) => p.error.keyword !== "unevaluatedProperties");
  const failedAt = (path: string) => others.some((p) => isUnder(p.path, path));
  return pending.filter(({ error, path }) => {
    if (error.keyword !== "unevaluatedProperties" || !failedAt(path)) return true;
    const key = String((error.params as { unevaluatedProperty?: unknown }).unevaluatedProperty);
    const parent = (error.parentSchema ?? {}) as SchemaObject;
    return !knownProperties(set, parent, error.data).includes(key);
  });
}

/**
 * A failed union: `oneOf`/`anyOf`, or ajv's `discriminator` (runtime/spec/discriminators.ts)
 * when the value names no branch. A discriminated value that names a branch
 * reports that branch's own errors, which need no resolving.
 */
function isUnion(error: ErrorObject): boolean {
  return (
    error.keyword === "oneOf" || error.keyword === "anyOf" || error.keyword === "discriminator"
  );
}

function isUnder(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/**
 * `max_drawdwn: 0.2` is one mistake, not two: when an unknown key's
 * suggestion is a required key reported missing in the same mapping, keep
 * only the unknown-key problem (its hint names the fix).
 */
function dropMisspelledRequired(problems: Problem[]): Problem[] {
  const suggested = new Set<string>();
  for (const p of problems) {
    if (p.suggestion !== undefined)
      suggested.add(childPointer(parentPointer(p.pointer), p.suggestion));
  }
  const primary = new Set(problems.filter((p) => p.primary).map((p) => p.pointer));
  const seen = new Set<string>();
  return problems
    .filter((p) => !(p.missing === true && suggested.has(p.pointer)))
    .filter((p) => p.primary || !primary.has(p.pointer))
    .filter((p) => {
      const key = `${p.pointer}|${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(({ suggestion: _s, missing: _m, primary: _p, ...rest }) => rest);
}
