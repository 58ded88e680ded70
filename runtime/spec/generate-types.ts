import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile, type JSONSchema } from "json-schema-to-typescript";

/** Header of the generated file: provenance and the types our custom `tsType`s name. */
const BANNER = `/* eslint-disable */
/**
 * GENERATED from schemas/*.schema.json by \`npm run gen:types\` (json-schema-to-typescript).
 * Do not edit: change the schemas and regenerate. \`npm run check:types\` fails when stale.
 */
import type { SecretString } from "./secret-ref.js";
`;

/**
 * TypeScript declarations for every schema in `schemaDir`, in one file: one
 * root type per schema file (named by its `title`) and every `$defs` entry,
 * each declared once. Deterministic (sorted input, prettier formatting).
 */
export async function generateSpecTypes(schemaDir: string): Promise<string> {
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith(".schema.json"))
    .sort();
  const properties: Record<string, JSONSchema> = {};
  for (const file of files) {
    const schema = JSON.parse(readFileSync(join(schemaDir, file), "utf8")) as JSONSchema & {
      $defs?: Record<string, unknown>;
    };
    const stem = file.slice(0, -".schema.json".length);
    if (schema.type !== undefined || schema.oneOf || schema.anyOf || schema.allOf || schema.$ref) {
      properties[stem] = { $ref: file };
    }
    for (const name of Object.keys(schema.$defs ?? {}).sort()) {
      properties[`${stem}/${name}`] = { $ref: `${file}#/$defs/${name}` };
    }
  }
  const root: JSONSchema = {
    title: "SpecSchemas",
    description: "Index of every schema (generated; use the named types below).",
    type: "object",
    additionalProperties: false,
    properties,
  };
  const text = await compile(root, "SpecSchemas", {
    cwd: schemaDir,
    bannerComment: BANNER,
    declareExternallyReferenced: true,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
    format: true,
    style: { printWidth: 100, singleQuote: false, trailingComma: "all" },
    $refOptions: { resolve: { external: true, http: false } },
  });
  return text;
}
