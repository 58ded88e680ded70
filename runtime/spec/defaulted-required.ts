/**
 * The generated types describe a spec as the runtime sees it: after
 * normalization (runtime/spec/schema-walk.ts), which fills every missing
 * property that has a schema `default` wherever its parent object exists. So
 * for type generation a property with a default — written inline or on the
 * schema its `$ref` points to — is required: code reads `backtest.cash`
 * without restating the default. Validation still uses the schemas as
 * written (a user may leave such keys out).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isPlainObject, setOwn, valueAt } from "./pointer.js";

type SchemaNode = Record<string, unknown>;

/**
 * A copy of `schema` (the file `file` in `schemaDir`) in which every object
 * schema's `required` also lists its properties that have a default.
 */
export function requireDefaulted(schema: SchemaNode, file: string, schemaDir: string): SchemaNode {
  const files = new Map<string, SchemaNode>([[file, schema]]);
  const load = (name: string): SchemaNode | undefined => {
    if (!files.has(name)) {
      const parsed: unknown = JSON.parse(readFileSync(join(schemaDir, name), "utf8"));
      files.set(name, isPlainObject(parsed) ? parsed : {});
    }
    return files.get(name);
  };
  return withRequired(schema, file, load) as SchemaNode;
}

function withRequired(
  node: unknown,
  file: string,
  load: (name: string) => SchemaNode | undefined,
): unknown {
  if (Array.isArray(node)) return node.map((n) => withRequired(n, file, load));
  if (!isPlainObject(node)) return node;
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    // Literal values (defaults, examples, constants) are data, not schemas.
    const literal = key === "default" || key === "examples" || key === "const" || key === "enum";
    setOwn(out, key, literal ? value : withRequired(value, file, load));
  }
  if (isPlainObject(node.properties)) {
    const required = Array.isArray(node.required) ? [...node.required] : [];
    for (const [name, property] of Object.entries(node.properties)) {
      if (!required.includes(name) && hasDefault(property, file, load)) required.push(name);
    }
    if (required.length > 0) out.required = required;
  }
  return out;
}

/** The property (or the schema its `$ref` names, followed up to a few hops) has a default. */
function hasDefault(
  property: unknown,
  file: string,
  load: (name: string) => SchemaNode | undefined,
  hops = 0,
): boolean {
  if (!isPlainObject(property) || hops > 8) return false;
  if (property.default !== undefined) return true;
  const ref = property.$ref;
  if (typeof ref !== "string") return false;
  const hash = ref.indexOf("#");
  const target = (hash === -1 ? ref : ref.slice(0, hash)) || file;
  const fragment = hash === -1 ? "" : ref.slice(hash + 1);
  const root = load(target);
  return root !== undefined && hasDefault(valueAt(root, fragment), target, load, hops + 1);
}
