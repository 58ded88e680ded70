import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile, type JSONSchema } from "json-schema-to-typescript";
import { specMessages } from "../messages/spec.js";
import { isPlainObject, valueAt } from "./pointer.js";
import { requireDefaulted } from "./defaulted-required.js";

/** Header of the generated file: provenance and the types our custom `tsType`s name. */
const BANNER = `/* eslint-disable */
/**
 * GENERATED from schemas/*.schema.json by \`npm run gen:types\` (json-schema-to-typescript).
 * Do not edit: change the schemas and regenerate. \`npm run check:types\` fails when stale.
 *
 * Names: the root of \`<stem>.schema.json\` is \`<Stem>Spec\` (ExperimentSpec, DataSpec, …);
 * an entry of its \`$defs\` is \`<Stem><Def>\` (\`defs.schema.json\` entries keep their own name).
 * A member of a discriminated union (a \`oneOf\`/\`anyOf\` whose branches each pin \`type\`, or
 * another key such as \`source\`, to a constant) written inline is \`<Owner><Value>\`: Owner is the
 * enclosing named type without its \`Spec\` suffix, Value the pinned constant in PascalCase
 * (strategy.schema.json \`type: sma_crossover\` → StrategySmaCrossover; features.schema.json
 * \`type: sma\` → FeaturesSma; risk.schema.json \`$defs/rule\` \`type: stop_loss\` → RiskRuleStopLoss).
 * Objects are closed (no index signature) unless the schema maps keys to values
 * (\`additionalProperties: <schema>\`); an object schema with no properties at all is
 * \`Record<string, unknown>\`.
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

/** PascalCase, with a letter after a digit upper-cased as json-schema-to-typescript names it (`a2c` → `A2C`). */
function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("")
    .replace(/([0-9])([a-z])/g, (_, digit: string, letter: string) => digit + letter.toUpperCase());
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

/** What `prepare` needs besides the node: where it is and the names already declared. */
interface Context {
  readonly file: string;
  readonly root: Record<string, unknown>;
  /** The enclosing named type without its `Spec` suffix: the prefix of union member names. */
  readonly owner: string;
  /** Every type name declared so far (member names must not collide). */
  readonly names: Set<string>;
  /** Union members already named (a member reached twice keeps its name). */
  readonly memberNames: Map<object, string>;
}

/**
 * TypeScript declarations for every schema in `schemaDir`, in one file: one
 * named type per schema root, per `$defs` entry and per inline member of a
 * discriminated union, and the index `SpecSchemas` (file stem → root type).
 * Every `$ref` becomes a reference to the named type (other nested schemas are
 * declared inline), so names are predictable and each type is declared once.
 * Objects are closed: no index signature unless the schema maps keys to
 * values. Deterministic: sorted input, prettier formatting.
 */
export async function generateSpecTypes(schemaDir: string): Promise<string> {
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith(".schema.json"))
    .sort();
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const names = new Set<string>(["SpecSchemas"]);
  const memberNames = new Map<object, string>();
  const declare = (name: string, where: string): void => {
    if (names.has(name)) throw new Error(specMessages.typeNameCollision(name, where));
    names.add(name);
  };
  for (const file of files) {
    const schema = JSON.parse(readFileSync(join(schemaDir, file), "utf8")) as Record<
      string,
      unknown
    >;
    const { $id: _id, $schema: _s, $defs, ...body } = schema;
    if (hasRootType(body)) declare(rootTypeName(file), file);
    if (isPlainObject($defs)) {
      for (const key of Object.keys($defs))
        declare(defTypeName(file, key), `${file}#/$defs/${key}`);
    }
  }
  for (const file of files) {
    const schema = requireDefaulted(
      JSON.parse(readFileSync(join(schemaDir, file), "utf8")) as Record<string, unknown>,
      file,
      schemaDir,
    );
    const { $id: _id, $schema: _s, $defs, ...body } = schema;
    const context = (name: string): Context => ({
      file,
      root: schema,
      owner: name.replace(/Spec$/, ""),
      names,
      memberNames,
    });
    if (hasRootType(body)) {
      const name = rootTypeName(file);
      properties[stemOf(file)] = named(prepare(body, context(name)), name);
      required.push(stemOf(file));
    }
    if (isPlainObject($defs)) {
      for (const key of Object.keys($defs).sort()) {
        const name = defTypeName(file, key);
        properties[`${stemOf(file)}/${key}`] = named(prepare($defs[key], context(name)), name);
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
    additionalProperties: false,
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

/** Keywords that describe an object's own keys: dropped where a discriminated union says it all. */
const OBJECT_SHAPE = ["type", "properties", "required", "additionalProperties"] as const;

/**
 * A schema node ready for the generator: `$ref`s replaced by `tsType: <Name>`,
 * nested titles dropped (nested schemas are declared inline, so names never
 * collide) except the names given to discriminated-union members, an object
 * with no keys at all typed `Record<string, unknown>`.
 */
function prepare(input: unknown, context: Context, depth = 0): unknown {
  if (Array.isArray(input)) return input.map((n) => prepare(n, context, depth + 1));
  if (!isPlainObject(input)) return input;
  const node = withConditionalBranches(withRequiredKeyBranches(input));
  const out: Record<string, unknown> = {};
  const union = discriminatedUnion(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === "title" || key === "$defs" || key === "$id" || key === "$schema") continue;
    if (union?.coversOwnKeys && (OBJECT_SHAPE as readonly string[]).includes(key)) continue;
    if (key === "$ref" && typeof value === "string") {
      const named = refTypeName(value, context, depth);
      if (typeof named === "string") out.tsType = named;
      else if (named !== undefined) Object.assign(out, named);
      continue;
    }
    if (key === "examples" || key === "default" || key === "const" || key === "enum")
      out[key] = value;
    else if (union && key === union.keyword)
      out[key] = union.members.map((member) => prepareMember(member, context, depth + 1));
    else if (key === "properties" && isPlainObject(value))
      // Property names are data: a property called `title` (report.title) is kept.
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, prepare(schema, context, depth + 1)]),
      );
    else out[key] = prepare(value, context, depth + 1);
  }
  if (isOpenObject(out)) out.tsType = "Record<string, unknown>";
  return out;
}

/** Keys a branch of the "one of these keys" idiom may have (`oneOf: [{required: [a]}, {required: [b]}]`). */
const CONSTRAINT_ONLY = new Set(["required", "not", "description", "title", "$comment"]);

/**
 * The "one of these keys" idiom made precise: each branch that only requires
 * keys gets the parent's declarations of those keys, so the type says which
 * key each alternative has (`Parent & ({a: A} | {b: B})`).
 */
function withRequiredKeyBranches(node: Record<string, unknown>): Record<string, unknown> {
  const properties = node.properties;
  if (!isPlainObject(properties)) return node;
  let out = node;
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const branches = node[keyword];
    if (!Array.isArray(branches) || branches.length === 0) continue;
    const constraintOnly = branches.every(
      (b) => isPlainObject(b) && Object.keys(b).every((k) => CONSTRAINT_ONLY.has(k)),
    );
    if (!constraintOnly) continue;
    const typed = (branches as Record<string, unknown>[]).map((branch) => {
      const keys = Array.isArray(branch.required)
        ? branch.required.filter(
            (k): k is string => typeof k === "string" && Object.hasOwn(properties, k),
          )
        : [];
      const own: Record<string, unknown> = {};
      for (const key of keys) own[key] = properties[key];
      return { type: "object", required: keys, properties: own };
    });
    out = { ...out, [keyword]: typed };
  }
  return out;
}

/**
 * The "keys by discriminator" idiom made precise: an `allOf` of `if`/`then`
 * pairs whose `if` only pins keys (`{ if: { properties: { source: { const:
 * "file" } } }, then: { …the file keys… } }`, data.schema.json) becomes a
 * union with one member per pair, each pinning its keys and holding its
 * `then` keys, so the type says which keys each alternative has
 * (`Parent & ({ source: "bundled"; name: … } | { source: "file"; path: … } | …)`).
 */
function withConditionalBranches(node: Record<string, unknown>): Record<string, unknown> {
  const pairs = node.allOf;
  if (!Array.isArray(pairs) || pairs.length === 0 || "anyOf" in node || "oneOf" in node)
    return node;
  const members: Record<string, unknown>[] = [];
  for (const pair of pairs) {
    if (!isPlainObject(pair) || !isPlainObject(pair.then) || "else" in pair) return node;
    const pins = isPlainObject(pair.if) ? pair.if.properties : undefined;
    if (Object.keys(pair).some((k) => k !== "if" && k !== "then") || !isPlainObject(pins))
      return node;
    const pinsOnly = Object.values(pins).every(
      (p) => isPlainObject(p) && (p.const !== undefined || Array.isArray(p.enum)),
    );
    if (!pinsOnly) return node;
    const then = isPlainObject(pair.then.properties) ? { type: "object", ...pair.then } : pair.then;
    members.push({
      allOf: [{ type: "object", required: Object.keys(pins), properties: pins }, then],
    });
  }
  const { allOf: _conditions, ...rest } = node;
  return { ...rest, anyOf: members };
}

/** A union member: named `<Owner><Value>` when written inline, else prepared as is. */
function prepareMember(member: UnionMember, context: Context, depth: number): unknown {
  const prepared = prepare(member.schema, context, depth);
  if (member.value === undefined || !isPlainObject(prepared)) return prepared;
  const known = isPlainObject(member.schema) ? context.memberNames.get(member.schema) : undefined;
  if (known !== undefined) return { ...prepared, title: known };
  const name = context.owner + pascal(member.value);
  if (context.names.has(name)) throw new Error(specMessages.typeNameCollision(name, context.file));
  context.names.add(name);
  if (isPlainObject(member.schema)) context.memberNames.set(member.schema, name);
  return { ...prepared, title: name };
}

interface UnionMember {
  readonly schema: unknown;
  /** The constant an inline member pins its discriminator to (undefined for `$ref` members). */
  readonly value?: string;
}

/**
 * The `oneOf`/`anyOf` of `node` when it is a discriminated union: every inline
 * branch is an object pinning one key (`type` preferred) to a string constant.
 * `coversOwnKeys`: every key `node` declares beside the union is declared by
 * every inline branch too, so the union alone is the node's type.
 */
function discriminatedUnion(
  node: Record<string, unknown>,
): { keyword: "oneOf" | "anyOf"; members: UnionMember[]; coversOwnKeys: boolean } | undefined {
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const branches = node[keyword];
    if (!Array.isArray(branches) || branches.length === 0) continue;
    const inline = branches.filter((b) => isPlainObject(b) && b.$ref === undefined);
    if (inline.length === 0 || !branches.every(isPlainObject)) continue;
    const key = discriminatorKey(inline as Record<string, unknown>[]);
    if (key === undefined) continue;
    const members = (branches as Record<string, unknown>[]).map((schema) => {
      const pinned = schema.$ref === undefined ? pinnedValue(schema, key) : undefined;
      return pinned === undefined ? { schema } : { schema, value: pinned };
    });
    const own = isPlainObject(node.properties) ? Object.keys(node.properties) : [];
    const coversOwnKeys =
      branches.length === inline.length &&
      own.every((k) =>
        inline.every((b) => isPlainObject(b.properties) && Object.hasOwn(b.properties, k)),
      );
    return { keyword, members, coversOwnKeys };
  }
  return undefined;
}

function discriminatorKey(branches: readonly Record<string, unknown>[]): string | undefined {
  const first = branches[0]?.properties;
  if (!isPlainObject(first)) return undefined;
  const keys = Object.keys(first).sort((a, b) => (a === "type" ? -1 : b === "type" ? 1 : 0));
  return keys.find((key) => branches.every((b) => pinnedValue(b, key) !== undefined));
}

function pinnedValue(branch: Record<string, unknown>, key: string): string | undefined {
  const properties = branch.properties;
  if (!isPlainObject(properties)) return undefined;
  const schema = properties[key];
  if (!isPlainObject(schema)) return undefined;
  if (typeof schema.const === "string") return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length === 1 && typeof schema.enum[0] === "string")
    return schema.enum[0];
  return undefined;
}

/** An object schema that says nothing about its keys (any keys, any values). */
function isOpenObject(node: Record<string, unknown>): boolean {
  if (node.type !== "object" || node.tsType !== undefined) return false;
  const keyed = ["properties", "patternProperties", "oneOf", "anyOf", "allOf", "$ref", "if"];
  if (keyed.some((k) => k in node)) return false;
  return node.additionalProperties === undefined || node.additionalProperties === true;
}

/** `$ref` → the named type, or (for a local non-`$defs` pointer) the inlined schema. */
function refTypeName(
  ref: string,
  context: Context,
  depth: number,
): string | Record<string, unknown> | undefined {
  const { file, root } = context;
  const hash = ref.indexOf("#");
  const target = (hash === -1 ? ref : ref.slice(0, hash)) || file;
  const fragment = hash === -1 ? "" : ref.slice(hash + 1);
  if (fragment === "") return rootTypeName(target);
  const match = /^\/\$defs\/([^/]+)$/.exec(fragment);
  if (match) return defTypeName(target, match[1]!);
  if (target !== file || depth > 32) return "unknown";
  const inlined = prepare(valueAt(root, fragment), context, depth + 1);
  return isPlainObject(inlined) ? inlined : "unknown";
}
