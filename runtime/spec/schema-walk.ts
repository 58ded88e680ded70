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

/**
 * Walks data along its schema, following `$ref`, `allOf`, the matching branch
 * of `oneOf`/`anyOf` (by `type:` discriminator, else the first branch that
 * validates) and `if`/`then`/`else`; fills missing properties that have a
 * `default` and records secret fields.
 */
export function walkSchema(
  set: SchemaSet,
  resource: string,
  data: unknown,
  /** JSON pointer of the schema inside `resource` (`/$defs/x`); default its root. */
  schemaPointer = "",
): SchemaWalkResult {
  const defaulted = new Set<string>();
  const secrets = new Set<string>();
  const file = set.resources.get(resource);
  const root = schemaPointer === "" ? file : valueAt(file, schemaPointer);
  const filled =
    root !== undefined
      ? visit(set, root, resource, clone(data), "", defaulted, secrets, 0)
      : clone(data);
  return { data: filled, defaulted, secrets };
}

function visit(
  set: SchemaSet,
  node: unknown,
  resource: string,
  data: unknown,
  pointer: string,
  defaulted: Set<string>,
  secrets: Set<string>,
  depth: number,
): unknown {
  if (depth > MAX_DEPTH) return data;
  const resolved = set.deref(node, resource);
  if (!resolved) return data;
  const schemas = [resolved];
  if (isPlainObject(node) && node !== resolved.schema) schemas.unshift({ schema: node, resource });
  let current = data;
  for (const { schema, resource: base } of schemas) {
    if (schema["x-secret"] === true) secrets.add(pointer);
    for (const sub of applicable(set, schema, base, current)) {
      current = visit(set, sub, base, current, pointer, defaulted, secrets, depth + 1);
    }
    if (isPlainObject(current))
      current = visitObject(set, schema, base, current, pointer, defaulted, secrets, depth);
    else if (Array.isArray(current))
      current = visitArray(set, schema, base, current, pointer, defaulted, secrets, depth);
  }
  return current;
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
    const location = locationOf(i);
    if (location && matches(set, location.resource, location.pointer, data)) return branches[i];
  }
  return undefined;
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
  for (const key of ["type", ...Object.keys(data).filter((k) => k !== "type")]) {
    const value = data[key];
    if (typeof value !== "string") continue;
    const names = branches.map((b) => pinnedNamesOf(set, b, resource, key));
    if (key !== "type" && names.some((n) => n.length === 0)) continue;
    const index = names.findIndex((n) => n.includes(value));
    if (index !== -1) return branches[index];
  }
  return undefined;
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
  set: SchemaSet,
  schema: SchemaObject,
  resource: string,
  data: Record<string, unknown>,
  pointer: string,
  defaulted: Set<string>,
  secrets: Set<string>,
  depth: number,
): Record<string, unknown> {
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) setOwn(out, key, value);
  for (const [key, property] of Object.entries(properties)) {
    const child = childPointer(pointer, key);
    if (!Object.hasOwn(out, key)) {
      const fallback = defaultOf(set, property, resource);
      if (fallback === undefined) continue;
      setOwn(out, key, clone(fallback));
      defaulted.add(child);
    }
    setOwn(
      out,
      key,
      visit(set, property, resource, out[key], child, defaulted, secrets, depth + 1),
    );
  }
  const extra = schema.additionalProperties;
  if (isPlainObject(extra)) {
    for (const key of Object.keys(out)) {
      if (Object.hasOwn(properties, key)) continue;
      const child = childPointer(pointer, key);
      setOwn(out, key, visit(set, extra, resource, out[key], child, defaulted, secrets, depth + 1));
    }
  }
  return out;
}

function visitArray(
  set: SchemaSet,
  schema: SchemaObject,
  resource: string,
  data: unknown[],
  pointer: string,
  defaulted: Set<string>,
  secrets: Set<string>,
  depth: number,
): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  return data.map((item, i) => {
    const itemSchema = i < prefix.length ? prefix[i] : schema.items;
    if (itemSchema === undefined || typeof itemSchema === "boolean") return item;
    return visit(
      set,
      itemSchema,
      resource,
      item,
      childPointer(pointer, i),
      defaulted,
      secrets,
      depth + 1,
    );
  });
}

function defaultOf(set: SchemaSet, property: unknown, resource: string): unknown {
  if (isPlainObject(property) && property.default !== undefined) return property.default;
  return set.deref(property, resource)?.schema.default;
}

function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}
