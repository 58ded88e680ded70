import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import formatsModule from "ajv-formats";
import { addDiscriminators } from "./discriminators.js";
import { childPointer, isPlainObject, valueAt } from "./pointer.js";

/** A JSON Schema object (plain JSON). */
export type SchemaObject = Record<string, unknown>;

/** Where a schema object lives: the resource (`$id`, a file name) and the JSON pointer inside it. */
export interface SchemaLocation {
  readonly resource: string;
  readonly pointer: string;
}

/**
 * Every schema file of the workbench compiled together in one ajv instance
 * (JSON Schema 2020-12, strict mode, all errors), plus an index from each
 * schema object to its location so `$ref`s can be followed outside ajv.
 * Built by `createSchemaSet`; immutable afterwards (validators are compiled lazily).
 */
export interface SchemaSet {
  readonly dirs: readonly string[];
  /** Schema files found, by `$id` (file name). */
  readonly resources: ReadonlyMap<string, SchemaObject>;
  /** Schema files that could not be parsed or added, with the reason. */
  readonly broken: ReadonlyMap<string, string>;
  /** Compiles (once) and returns the validator of `resource#pointer`; throws ajv's error if it cannot. */
  validator(resource: string, pointer?: string): ValidateFunction;
  /** The location of a schema object of this set (by identity). */
  locate(schema: object): SchemaLocation | undefined;
  /** Follows `$ref` chains from `schema` (located in `resource`) to a concrete schema object. */
  deref(schema: unknown, resource: string): { schema: SchemaObject; resource: string } | undefined;
}

/**
 * The schemas/ folder of this package: found upwards from this module, so it
 * works from the sources (runtime/spec/) and from the build (dist/runtime/spec/).
 */
export function defaultSchemaDir(): string {
  const here = fileURLToPath(new URL(".", import.meta.url));
  let dir = here;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "schemas");
    if (existsSync(join(candidate, "experiment.schema.json"))) return candidate;
    dir = dirname(dir);
  }
  return join(here, "..", "..", "schemas");
}

type FormatsPlugin = (ajv: Ajv2020) => unknown;
const addFormats: FormatsPlugin =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin);

/** Keywords of ours that annotate schemas: ajv accepts them, validation ignores them. */
/**
 * `x-keys: {owner, noun}` names what a closed mapping's keys are (`{owner: "ppo", noun:
 * "hyperparameter"}`), so an unknown key reads "ppo has no hyperparameter …".
 */
export const ANNOTATION_KEYWORDS = ["x-secret", "tsType", "x-keys"] as const;

/**
 * Strict mode (ajv's `strict: true`) except `strictRequired`, so the common
 * "one of these keys" idiom `oneOf: [{required: [a]}, {required: [b]}]` is
 * allowed. `fragments: true` builds the instance used to validate single
 * union branches: a branch compiled on its own may omit `type: object`
 * that its parent declares, so strict type checks are off there.
 */
export function createAjv(fragments = false): Ajv2020 {
  const ajv = new Ajv2020({
    strict: !fragments,
    strictRequired: false,
    allErrors: true,
    verbose: true,
    allowUnionTypes: true,
    validateFormats: true,
    discriminator: true,
  });
  addFormats(ajv);
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword });
  return ajv;
}

/**
 * Loads `*.schema.json` from `dirs` (the first directory holding a file name
 * wins, so test fixtures can stand in for schemas not written yet).
 */
export function createSchemaSet(dirs: readonly string[]): SchemaSet {
  const ajv = createAjv();
  const fragmentAjv = createAjv(true);
  const resources = new Map<string, SchemaObject>();
  const broken = new Map<string, string>();
  const locations = new WeakMap<object, SchemaLocation>();
  const parsed = new Map<string, SchemaObject>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith(".schema.json") || parsed.has(name) || broken.has(name)) continue;
      try {
        const schema: unknown = JSON.parse(readFileSync(join(dir, name), "utf8"));
        if (!isPlainObject(schema)) throw new Error("not a JSON object");
        parsed.set(name, schema);
      } catch (error) {
        broken.set(name, error instanceof Error ? error.message : String(error));
      }
    }
  }
  // Before ajv compiles anything: its discriminators need every file to follow `$ref`s.
  const resolveBranch = (branch: unknown, resource: string) =>
    derefIn(parsed, branch, resource)?.schema;
  for (const [name, schema] of parsed) addDiscriminators(schema, name, resolveBranch);
  for (const [name, schema] of parsed) {
    try {
      const id = typeof schema.$id === "string" ? schema.$id : name;
      ajv.addSchema(schema, id === name ? undefined : name);
      fragmentAjv.addSchema(schema, id === name ? undefined : name);
      resources.set(name, schema);
      indexLocations(schema, name, "", locations);
    } catch (error) {
      broken.set(name, error instanceof Error ? error.message : String(error));
    }
  }
  const validators = new Map<string, ValidateFunction>();
  const set: SchemaSet = {
    dirs,
    resources,
    broken,
    validator(resource, pointer = "") {
      const key = pointer ? `${resource}#${pointer}` : resource;
      let found = validators.get(key);
      if (!found) {
        const compiled = (pointer ? fragmentAjv : ajv).getSchema(key);
        if (!compiled) throw new Error(`no schema ${key}`);
        found = compiled as ValidateFunction;
        validators.set(key, found);
      }
      return found;
    },
    locate: (schema) => locations.get(schema),
    deref: (schema, resource) => derefIn(resources, schema, resource),
  };
  return set;
}

/** Follows `$ref` chains from `schema` (located in `resource`) through `resources` to a concrete schema. */
function derefIn(
  resources: ReadonlyMap<string, SchemaObject>,
  schema: unknown,
  resource: string,
): { schema: SchemaObject; resource: string } | undefined {
  let current: unknown = schema;
  let base = resource;
  for (let hops = 0; hops < 32; hops++) {
    if (!isPlainObject(current)) return undefined;
    const ref = current.$ref;
    if (typeof ref !== "string") return { schema: current, resource: base };
    const hash = ref.indexOf("#");
    const file = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? "" : ref.slice(hash + 1);
    if (file) base = file;
    const root = resources.get(base);
    if (!root) return undefined;
    current = fragment ? valueAt(root, fragment) : root;
  }
  return undefined;
}

function indexLocations(
  node: unknown,
  resource: string,
  pointer: string,
  locations: WeakMap<object, SchemaLocation>,
): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      indexLocations(item, resource, childPointer(pointer, i), locations);
    });
    return;
  }
  if (!isPlainObject(node)) return;
  locations.set(node, { resource, pointer });
  for (const [key, value] of Object.entries(node)) {
    if (key === "enum" || key === "const" || key === "examples" || key === "default") continue;
    indexLocations(value, resource, childPointer(pointer, key), locations);
  }
}
