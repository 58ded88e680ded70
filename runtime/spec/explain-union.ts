import type { ErrorObject } from "ajv/dist/2020.js";
import { suggestName } from "./suggest-name.js";
import { specMessages } from "../messages/spec.js";
import { childPointer, isPlainObject, pointerTokens, valueAt } from "./pointer.js";
import type { Problem } from "./problem.js";
import type { SchemaObject, SchemaSet } from "./schema-set.js";

type Recurse = (errors: readonly ErrorObject[], at: string) => Problem[];

interface Branch {
  /** The branch, dereferenced. */
  readonly schema: SchemaObject;
  readonly resource: string;
  /** Resource and pointer of the branch as written (for its validator). */
  readonly validatorResource: string;
  readonly validatorPointer: string;
}

/** A stable identity for an ajv error: the schema object that raised it, keyword, data path, params. */
export function errorKey(set: SchemaSet, error: ErrorObject, path: string): string {
  const parent = error.parentSchema;
  const location = parent && typeof parent === "object" ? set.locate(parent) : undefined;
  const where = location ? `${location.resource}#${location.pointer}` : error.schemaPath;
  return `${where}|${error.keyword}|${path}|${JSON.stringify(error.params)}`;
}

function branchesOf(set: SchemaSet, error: ErrorObject): Branch[] {
  const parent = error.parentSchema as SchemaObject | undefined;
  const location = parent ? set.locate(parent) : undefined;
  // ajv's `discriminator` stands beside the `oneOf` whose branches it picks from.
  const keyword = error.keyword === "discriminator" ? "oneOf" : error.keyword;
  const list = parent?.[keyword];
  if (!location || !Array.isArray(list)) return [];
  const branches: Branch[] = [];
  list.forEach((raw, i) => {
    const resolved = set.deref(raw, location.resource);
    if (!resolved) return;
    branches.push({
      ...resolved,
      validatorResource: location.resource,
      validatorPointer: `${location.pointer}/${keyword}/${i}`,
    });
  });
  return branches;
}

function runBranch(set: SchemaSet, branch: Branch, value: unknown): ErrorObject[] {
  const validate = set.validator(branch.validatorResource, branch.validatorPointer);
  validate(value);
  return [...(validate.errors ?? [])];
}

/** Keys of every error the union's branches produce on their own: the errors the union caused. */
export function branchErrorKeys(
  set: SchemaSet,
  error: ErrorObject,
  root: unknown,
  path: string,
): Set<string> {
  const keys = new Set<string>();
  const value = valueAt(root, path);
  for (const branch of branchesOf(set, error)) {
    for (const e of runBranch(set, branch, value))
      keys.add(errorKey(set, e, path + e.instancePath));
  }
  return keys;
}

/** Explains a failed `oneOf`/`anyOf` from the branch the user meant. */
export function explainUnion(
  set: SchemaSet,
  error: ErrorObject,
  root: unknown,
  path: string,
  depth: number,
  recurse: Recurse,
): Problem[] {
  const parent = (error.parentSchema ?? {}) as SchemaObject;
  const branches = branchesOf(set, error);
  const value = valueAt(root, path);
  const fallback = [
    {
      pointer: path,
      anchor: "value" as const,
      message: specMessages.schemaRule(error.message ?? ""),
    },
  ];
  if (branches.length === 0 || depth > 16) return fallback;
  const section = sectionName(parent, path);
  const discriminator = findDiscriminator(set, branches);
  if (discriminator && isPlainObject(value)) {
    const { key, names } = discriminator;
    const valid = [...new Set(names.flat())].sort();
    const given = value[key];
    if (given === undefined) {
      return [
        {
          pointer: childPointer(path, key),
          anchor: "parent",
          message: specMessages.missingType(section, key, valid),
        },
      ];
    }
    const index = names.findIndex((n) => typeof given === "string" && n.includes(given));
    if (index === -1) {
      const suggestion = typeof given === "string" ? suggestName(given, valid) : undefined;
      return [
        {
          pointer: childPointer(path, key),
          anchor: "value",
          message: specMessages.unknownType(section, key, given, valid),
          primary: true,
          ...(suggestion ? { hint: specMessages.didYouMean(suggestion) } : {}),
        },
      ];
    }
    return recurse(runBranch(set, branches[index]!, value), path);
  }
  const candidates = branches.filter((b) => acceptsJsonType(b.schema, value));
  if (candidates.length === 0) {
    const alternatives = branches.map((b) => describeBranch(b.schema));
    return [
      { pointer: path, anchor: "value", message: specMessages.noAlternative(alternatives, value) },
    ];
  }
  let best: ErrorObject[] | undefined;
  for (const branch of candidates) {
    const errors = runBranch(set, branch, value);
    if (!best || errors.length < best.length) best = errors;
  }
  if (!best || best.length === 0) return fallback;
  // `unsorted: warn` where a mapping (`{ repair: sort }`) would also do: the value's own
  // problem names the forms its JSON type ruled out.
  const others = branches.filter((b) => !candidates.includes(b));
  const problems = recurse(best, path);
  if (others.length === 0) return problems;
  const hint = specMessages.otherForms(others.map((b) => describeBranch(b.schema)));
  return problems.map((p) => (p.pointer === path && p.hint === undefined ? { ...p, hint } : p));
}

/** A key every branch pins with `const`/`enum` (preferring `type`), with the names per branch. */
function findDiscriminator(
  set: SchemaSet,
  branches: readonly Branch[],
): { key: string; names: string[][] } | undefined {
  const first = branches[0]?.schema.properties;
  if (!isPlainObject(first)) return undefined;
  const keys = Object.keys(first).sort((a, b) => (a === "type" ? -1 : b === "type" ? 1 : 0));
  for (const key of keys) {
    const names = branches.map((b) => pinnedNames(set, b, key));
    if (names.every((n) => n.length > 0)) return { key, names };
  }
  return undefined;
}

function pinnedNames(set: SchemaSet, branch: Branch, key: string): string[] {
  const properties = branch.schema.properties;
  if (!isPlainObject(properties)) return [];
  const schema = set.deref(properties[key], branch.resource)?.schema;
  if (!schema) return [];
  if (typeof schema.const === "string") return [schema.const];
  if (Array.isArray(schema.enum))
    return schema.enum.filter((v): v is string => typeof v === "string");
  return [];
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function declaredTypes(schema: SchemaObject): string[] | undefined {
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type))
    return schema.type.filter((t): t is string => typeof t === "string");
  if ("const" in schema) return [jsonType(schema.const)];
  if (Array.isArray(schema.enum)) return [...new Set(schema.enum.map(jsonType))];
  return undefined;
}

function acceptsJsonType(schema: SchemaObject, value: unknown): boolean {
  const types = declaredTypes(schema);
  if (!types) return true;
  const actual = jsonType(value);
  return types.includes(actual) || (actual === "integer" && types.includes("number"));
}

function describeBranch(schema: SchemaObject): string {
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum))
    return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  const types = declaredTypes(schema);
  const kind = types ? types.map(withArticle).join(" or ") : "a value";
  return typeof schema.title === "string" ? `${kind} (${schema.title.toLowerCase()})` : kind;
}

function withArticle(type: string): string {
  if (type === "object") return "a mapping";
  if (type === "array") return "a list";
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function sectionName(parent: SchemaObject, path: string): string {
  if (typeof parent.title === "string") return parent.title.toLowerCase();
  const tokens = pointerTokens(path);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (/^\d+$/.test(token)) continue;
    const item = i < tokens.length - 1;
    return item && token.endsWith("s") ? token.slice(0, -1) : token;
  }
  return "spec";
}
