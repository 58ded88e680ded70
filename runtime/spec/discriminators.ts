import { isPlainObject } from "./pointer.js";
import type { SchemaObject } from "./schema-set.js";

/**
 * Schema resolution as ajv does it for a `oneOf` branch: a branch that is only
 * a `$ref` is the schema it points to; anything else is itself.
 */
export type ResolveBranch = (branch: unknown, resource: string) => SchemaObject | undefined;

/** Keywords that do not make a `$ref` branch more than a reference (ajv's view). */
const ANNOTATIONS: ReadonlySet<string> = new Set(["$ref", "title", "description", "$comment"]);

/**
 * Adds ajv's `discriminator: {propertyName}` beside every closed union of a
 * schema file whose branches each pin one key to their own names (`type:`
 * of features, rules, algorithms…, `source:` of providers, `backend:` of
 * caches), so ajv validates only the branch the value names instead of
 * trying every branch. The branches stay the one place that declares the
 * union; nothing is written by hand. A union qualifies when its schema is
 * `type: object`, every branch (or a `$ref` to one) has
 * `properties.<key>` with an inline string `const`/`enum`, the names are
 * unique, and the key is required by the union's schema or by every branch.
 * `type` is preferred, then the keys in the order the first branch lists them.
 * Mutates `schema` in place (ajv and the error explanations then see the
 * same objects); returns how many unions were marked.
 */
export function addDiscriminators(
  schema: SchemaObject,
  resource: string,
  resolve: ResolveBranch,
): number {
  let marked = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isPlainObject(node)) return;
    if (Array.isArray(node.oneOf) && node.discriminator === undefined) {
      const key = discriminatorKey(node, node.oneOf, resource, resolve);
      if (key !== undefined) {
        node.discriminator = { propertyName: key };
        marked++;
      }
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === "enum" || k === "const" || k === "examples" || k === "default") continue;
      visit(v);
    }
  };
  visit(schema);
  return marked;
}

function discriminatorKey(
  union: SchemaObject,
  branches: readonly unknown[],
  resource: string,
  resolve: ResolveBranch,
): string | undefined {
  if (union.type !== "object" || branches.length < 2) return undefined;
  const resolved: SchemaObject[] = [];
  for (const branch of branches) {
    if (!isPlainObject(branch)) return undefined;
    const onlyRef =
      typeof branch.$ref === "string" && Object.keys(branch).every((k) => ANNOTATIONS.has(k));
    const target = onlyRef ? resolve(branch, resource) : branch;
    if (!target) return undefined;
    resolved.push(target);
  }
  const first = resolved[0]?.properties;
  if (!isPlainObject(first)) return undefined;
  const keys = Object.keys(first).sort((a, b) => (a === "type" ? -1 : b === "type" ? 1 : 0));
  return keys.find((key) => pinsEveryBranch(union, resolved, key));
}

function pinsEveryBranch(union: SchemaObject, branches: readonly SchemaObject[], key: string) {
  const names = new Set<string>();
  for (const branch of branches) {
    const properties = branch.properties;
    if (!isPlainObject(properties) || !Object.hasOwn(properties, key)) return false;
    const pinned = pinnedNames(properties[key]);
    if (pinned === undefined) return false;
    for (const name of pinned) {
      if (names.has(name)) return false;
      names.add(name);
    }
    if (!requires(union, key) && !requires(branch, key)) return false;
  }
  return true;
}

/** The names a property schema pins, as ajv's discriminator reads them (inline const or enum of strings). */
function pinnedNames(property: unknown): string[] | undefined {
  if (!isPlainObject(property)) return undefined;
  if (property.const !== undefined) {
    return typeof property.const === "string" && property.const !== ""
      ? [property.const]
      : undefined;
  }
  const values = property.enum;
  if (!Array.isArray(values) || values.length === 0) return undefined;
  return values.every((v): v is string => typeof v === "string") ? values : undefined;
}

function requires(schema: SchemaObject, key: string): boolean {
  return Array.isArray(schema.required) && schema.required.includes(key);
}
