import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile, type JSONSchema } from "json-schema-to-typescript";
import { isPlainObject, valueAt } from "./pointer.js";

/** Header of the generated file: provenance and the types our custom `tsType`s name. */
const BANNER = `/* eslint-disable */
/**
 * GENERATED from schemas/*.schema.json by \`npm run gen:types\` (json-schema-to-typescript).
 * Do not edit: change the schemas and regenerate. \`npm run check:types\` fails when stale.
 *
 * Names: the root of \`<stem>.schema.json\` is \`<Stem>Spec\` (ExperimentSpec, DataSpec, …);
 * an entry of its \`$defs\` is \`<Stem><Def>\` (\`defs.schema.json\` entries keep their own name).
 */
import type { SecretString } from "./secret-ref.js";
`;

/** Built-in TypeScript names a generated type must not shadow. */
const RESERVED = new Set([
  "Date",
  "Object",
  "Array",
  "String",
  "Number",
  "Boolean",
  "Function",
  "Map",
  "Set",
  "Record",
  "Error",
]);

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

function stemOf(file: string): string {
  return file.slice(0, -".schema.json".length);
}

/** The generated type name of a schema file's root. */
export function rootTypeName(file: string): string {
  return `${pascal(stemOf(file))}Spec`;
}

/** The generated type name of an entry of a schema file's `$defs`. */
export function defTypeName(file: string, key: string): string {
  if (stemOf(file) !== "defs") return pascal(stemOf(file)) + pascal(key);
  const name = pascal(key);
  return RESERVED.has(name) ? `Spec${name}` : name;
}

/**
 * TypeScript declarations for every schema in `schemaDir`, in one file: one
 * named type per schema root and per `$defs` entry, and the index
 * `SpecSchemas` (file stem → root type). Every `$ref` becomes a reference to
 * the named type (nested schemas are declared inline), so names are
 * predictable and each type is declared once. Deterministic: sorted input,
 * prettier formatting.
 */
export async function generateSpecTypes(schemaDir: string): Promise<string> {
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith(".schema.json"))
    .sort();
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const file of files) {
    const schema = JSON.parse(readFileSync(join(schemaDir, file), "utf8")) as Record<
      string,
      unknown
    >;
    const { $id: _id, $schema: _s, $defs, ...body } = schema;
    if (hasRootType(body)) {
      properties[stemOf(file)] = named(prepare(body, file, schema), rootTypeName(file));
      required.push(stemOf(file));
    }
    if (isPlainObject($defs)) {
      for (const key of Object.keys($defs).sort()) {
        properties[`${stemOf(file)}/${key}`] = named(
          prepare($defs[key], file, schema),
          defTypeName(file, key),
        );
        required.push(`${stemOf(file)}/${key}`);
      }
    }
  }
  const root = {
    title: "SpecSchemas",
    description:
      "Index of every schema: file stem (and `stem/def` for `$defs` entries) → its type.",
    type: "object",
    additionalProperties: false,
    required,
    properties,
  } as JSONSchema;
  return compile(root, "SpecSchemas", {
    bannerComment: BANNER,
    declareExternallyReferenced: true,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
    format: true,
    style: { printWidth: 100, singleQuote: false, trailingComma: "all", bracketSpacing: true },
  });
}

function named(schema: unknown, title: string): Record<string, unknown> {
  return isPlainObject(schema) ? { ...schema, title } : { title };
}

function hasRootType(schema: Record<string, unknown>): boolean {
  return ["type", "oneOf", "anyOf", "allOf", "$ref", "properties", "enum", "const"].some(
    (k) => k in schema,
  );
}

/**
 * A schema node ready for the generator: `$ref`s replaced by `tsType: <Name>`,
 * nested titles dropped (nested schemas are declared inline, so names never collide).
 */
function prepare(node: unknown, file: string, root: Record<string, unknown>, depth = 0): unknown {
  if (Array.isArray(node)) return node.map((n) => prepare(n, file, root, depth + 1));
  if (!isPlainObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "title" || key === "$defs" || key === "$id" || key === "$schema") continue;
    if (key === "$ref" && typeof value === "string") {
      const named = refTypeName(value, file, root, depth);
      if (typeof named === "string") out.tsType = named;
      else if (named !== undefined) Object.assign(out, named);
      continue;
    }
    if (key === "examples" || key === "default" || key === "const" || key === "enum")
      out[key] = value;
    else out[key] = prepare(value, file, root, depth + 1);
  }
  return out;
}

/** `$ref` → the named type, or (for a local non-`$defs` pointer) the inlined schema. */
function refTypeName(
  ref: string,
  file: string,
  root: Record<string, unknown>,
  depth: number,
): string | Record<string, unknown> | undefined {
  const hash = ref.indexOf("#");
  const target = (hash === -1 ? ref : ref.slice(0, hash)) || file;
  const fragment = hash === -1 ? "" : ref.slice(hash + 1);
  if (fragment === "") return rootTypeName(target);
  const match = /^\/\$defs\/([^/]+)$/.exec(fragment);
  if (match) return defTypeName(target, match[1]!);
  if (target !== file || depth > 32) return "unknown";
  const inlined = prepare(valueAt(root, fragment), file, root, depth + 1);
  return isPlainObject(inlined) ? inlined : "unknown";
}
