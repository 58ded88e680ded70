import { cloneJson } from "./clone-json.js";
import { childPointer, isPlainObject, setOwn, valueAt } from "./pointer.js";
import type { SchemaLocation, SchemaObject, SchemaSet } from "./schema-set.js";

/** What walking a (valid) spec along its schema found. */
export interface SchemaWalkResult {
  /** The data with schema defaults filled in (a new value; the input is not modified). */
  readonly data: unknown;
  /** Pointers whose value was filled from a default (the whole subtree is a default). */
  readonly defaulted: ReadonlySet<string>;
  /** Pointers of values whose schema is a secret (`x-secret: true`). */
  readonly secrets: ReadonlySet<string>;
}

const MAX_DEPTH = 64;

/** One walk: what it records, and the mappings and lists it built (safe to change in place). */
interface Walk {
  readonly set: SchemaSet;
  readonly defaulted: Set<string>;
  readonly secrets: Set<string>;
  readonly built: Set<object>;
}

/**
 * Walks data along its schema, following `$ref`, `allOf`, the matching branch
 * of `oneOf`/`anyOf` (by `type:` discriminator, else the first branch that
 * validates) and `if`/`then`/`else`; fills missing properties that have a
 * `default` and records secret fields. The input is copied once: every
 * mapping and list the walk reaches is built anew on its first visit (values
 * no schema describes are deep-copied), and filled in place by the
 * subschemas that apply to it after that.
 */
export function walkSchema(
  set: SchemaSet,
  resource: string,
  data: unknown,
  /** JSON pointer of the schema inside `resource` (`/$defs/x`); default its root. */
  schemaPointer = "",
): SchemaWalkResult {
  const walk: Walk = { set, defaulted: new Set(), secrets: new Set(), built: new Set() };
  const file = set.resources.get(resource);
  const root = schemaPointer === "" ? file : valueAt(file, schemaPointer);
  const filled = root !== undefined ? visit(walk, root, resource, data, "", 0) : cloneJson(data);
  return { data: filled, defaulted: walk.defaulted, secrets: walk.secrets };
}

function visit(
  walk: Walk,
  node: unknown,
  resource: string,
  data: unknown,
  pointer: string,
  depth: number,
): unknown {
  const { set } = walk;
  if (depth > MAX_DEPTH) return ownCopy(walk, data);
  const resolved = set.deref(node, resource);
  if (!resolved) return ownCopy(walk, data);
  const schemas = [resolved];
  if (isPlainObject(node) && node !== resolved.schema) schemas.unshift({ schema: node, resource });
  let current = data;
  for (const { schema, resource: base } of schemas) {
    if (schema["x-secret"] === true) walk.secrets.add(pointer);
    for (const sub of applicable(set, schema, base, current)) {
      current = visit(walk, sub, base, current, pointer, depth + 1);
    }
    if (isPlainObject(current)) current = visitObject(walk, schema, base, current, pointer, depth);
    else if (Array.isArray(current))
      current = visitArray(walk, schema, base, current, pointer, depth);
  }
  return current;
}

/** `data` when the walk built it, else a deep copy (the input is never returned or changed). */
function ownCopy(walk: Walk, data: unknown): unknown {
  return data !== null && typeof data === "object" && walk.built.has(data) ? data : cloneJson(data);
}

/** Subschemas that apply to `data` besides properties/items: allOf, the chosen union branch, then/else. */
function applicable(
  set: SchemaSet,
  schema: SchemaObject,
  resource: string,
  data: unknown,
): unknown[] {
  const out: unknown[] = [];
  if (Array.isArray(schema.allOf)) out.push(...schema.allOf);
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    const location = set.locate(schema);
    const chosen = chooseBranch(set, branches, resource, data, (i) =>
      location
        ? { resource: location.resource, pointer: `${location.pointer}/${keyword}/${i}` }
        : undefined,
    );
    if (chosen !== undefined) out.push(chosen);
  }
  if (schema.if !== undefined) {
    const location = set.locate(schema);
    const passes = location
      ? matches(set, location.resource, `${location.pointer}/if`, data)
      : false;
    const next = passes ? schema.then : schema.else;
    if (next !== undefined) out.push(next);
  }
  return out;
}

function chooseBranch(
  set: SchemaSet,
  branches: readonly unknown[],
  resource: string,
  data: unknown,
  locationOf: (i: number) => SchemaLocation | undefined,
): unknown {
  const byKey = isPlainObject(data)
    ? discriminatedBranch(set, branches, resource, data)
    : undefined;
  if (byKey !== undefined) return byKey;
  for (let i = 0; i < branches.length; i++) {
    // A branch that declares other JSON types cannot match: no need to validate it.
    if (!admitsJsonType(set, branches[i], resource, data)) continue;
    const location = locationOf(i);
    if (location && matches(set, location.resource, location.pointer, data)) return branches[i];
  }
  return undefined;
}

function admitsJsonType(set: SchemaSet, branch: unknown, resource: string, data: unknown): boolean {
  const type = set.deref(branch, resource)?.schema.type;
  if (typeof type !== "string") return true;
  switch (type) {
    case "object":
      return isPlainObject(data);
    case "array":
      return Array.isArray(data);
    case "string":
      return typeof data === "string";
    case "boolean":
      return typeof data === "boolean";
    case "null":
      return data === null;
    case "number":
      return typeof data === "number";
    case "integer":
      return typeof data === "number" && Number.isInteger(data);
    default:
      return true;
  }
}

function matches(set: SchemaSet, resource: string, pointer: string, data: unknown): boolean {
  try {
    return set.validator(resource, pointer)(data) === true;
  } catch {
    return false;
  }
}

/**
 * The branch the data's discriminator names: `type`, else a key every branch
 * pins to constants (`source` of a provider, `backend` of a cache). Chosen by
 * name, not by validating, so defaults are filled even in data that does not
 * validate yet (and the branch's own errors stay the branch's).
 */
function discriminatedBranch(
  set: SchemaSet,
  branches: readonly unknown[],
  resource: string,
  data: Record<string, unknown>,
): unknown {
  const tryKey = (key: string): unknown => {
    const value = data[key];
    if (typeof value !== "string") return undefined;
    const names = branchNames(set, branches, resource, key);
    if (key !== "type" && names.some((n) => n.length === 0)) return undefined;
    const index = names.findIndex((n) => n.includes(value));
    return index === -1 ? undefined : branches[index];
  };
  if (Object.hasOwn(data, "type")) {
    const byType = tryKey("type");
    if (byType !== undefined) return byType;
  }
  for (const key of Object.keys(data)) {
    if (key === "type") continue;
    const byKey = tryKey(key);
    if (byKey !== undefined) return byKey;
  }
  return undefined;
}

/** The names each branch pins `key` to, per union (the schemas do not change once loaded). */
const pinnedByUnion = new WeakMap<readonly unknown[], Map<string, readonly string[][]>>();

function branchNames(
  set: SchemaSet,
  branches: readonly unknown[],
  resource: string,
  key: string,
): readonly string[][] {
  let byKey = pinnedByUnion.get(branches);
  if (!byKey) {
    byKey = new Map();
    pinnedByUnion.set(branches, byKey);
  }
  let names = byKey.get(key);
  if (!names) {
    names = branches.map((b) => pinnedNamesOf(set, b, resource, key));
    byKey.set(key, names);
  }
  return names;
}

function pinnedNamesOf(set: SchemaSet, branch: unknown, resource: string, key: string): string[] {
  const resolved = set.deref(branch, resource);
  const properties = resolved?.schema.properties;
  if (!resolved || !isPlainObject(properties) || !Object.hasOwn(properties, key)) return [];
  const type = set.deref(properties[key], resolved.resource)?.schema;
  if (!type) return [];
  if (typeof type.const === "string") return [type.const];
  if (Array.isArray(type.enum)) return type.enum.filter((v): v is string => typeof v === "string");
  return [];
}

function visitObject(
  walk: Walk,
  schema: SchemaObject,
  resource: string,
  data: Record<string, unknown>,
  pointer: string,
  depth: number,
): Record<string, unknown> {
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  const extra = isPlainObject(schema.additionalProperties)
    ? schema.additionalProperties
    : undefined;
  let out = data;
  if (!walk.built.has(data)) {
    // First visit: a new mapping; values this schema visits are copied by their visit.
    out = {};
    for (const key of Object.keys(data)) {
      const visited = extra !== undefined || Object.hasOwn(properties, key);
      setOwn(out, key, visited ? data[key] : cloneJson(data[key]));
    }
    walk.built.add(out);
  }
  for (const key of Object.keys(properties)) {
    const property = properties[key];
    const child = childPointer(pointer, key);
    if (!Object.hasOwn(out, key)) {
      const fallback = defaultOf(walk.set, property, resource);
      if (fallback === undefined) continue;
      setOwn(out, key, cloneJson(fallback));
      walk.defaulted.add(child);
    }
    setOwn(out, key, visit(walk, property, resource, out[key], child, depth + 1));
  }
  if (extra !== undefined) {
    for (const key of Object.keys(out)) {
      if (Object.hasOwn(properties, key)) continue;
      const child = childPointer(pointer, key);
      setOwn(out, key, visit(walk, extra, resource, out[key], child, depth + 1));
    }
  }
  return out;
}

function visitArray(
  walk: Walk,
  schema: SchemaObject,
  resource: string,
  data: unknown[],
  pointer: string,
  depth: number,
): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const fresh = !walk.built.has(data);
  const out = fresh ? new Array<unknown>(data.length) : data;
  for (let i = 0; i < data.length; i++) {
    const item = data[i];
    const itemSchema = i < prefix.length ? prefix[i] : schema.items;
    if (itemSchema === undefined || typeof itemSchema === "boolean") {
      if (fresh) out[i] = cloneJson(item);
      continue;
    }
    out[i] = visit(walk, itemSchema, resource, item, childPointer(pointer, i), depth + 1);
  }
  if (fresh) walk.built.add(out);
  return out;
}

function defaultOf(set: SchemaSet, property: unknown, resource: string): unknown {
  if (isPlainObject(property) && property.default !== undefined) return property.default;
  return set.deref(property, resource)?.schema.default;
}
