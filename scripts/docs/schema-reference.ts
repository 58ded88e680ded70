/**
 * The spec reference: one markdown page per schemas/*.schema.json, generated
 * from the schemas' own descriptions, types, defaults and allowed values.
 * Each page has a table of every key (dotted paths; `[]` for array items),
 * a section per variant (`oneOf` branches such as each feature `type`, and
 * `if`/`then` branches such as each data `source`), and the schema's examples.
 * Keys of another spec kind link to that kind's page; shared definitions from
 * defs.schema.json are shown in place.
 */
import { stringify } from "yaml";
import { escapeHtml, fence, inlineMarkdown } from "./markdown-text.js";

export interface SchemaNode {
  readonly $id?: string;
  readonly $ref?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly oneOf?: readonly SchemaNode[];
  readonly anyOf?: readonly SchemaNode[];
  readonly allOf?: readonly SchemaNode[];
  readonly if?: SchemaNode;
  readonly then?: SchemaNode;
  readonly $defs?: Readonly<Record<string, SchemaNode>>;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly examples?: readonly unknown[];
}

/** The schemas by file name (`data.schema.json`). */
export type SchemaSet = ReadonlyMap<string, SchemaNode>;

/** Schemas whose definitions are shown where they are used rather than linked. */
const INLINED = new Set(["defs.schema.json"]);

interface Row {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly default: string;
  readonly allowed: string;
  readonly description: string;
}

interface Section {
  readonly heading: string;
  readonly description: string;
  readonly rows: Row[];
}

/** A node with its `$ref` followed, and the file its own `#/…` refs point into. */
interface Resolved {
  readonly node: SchemaNode;
  readonly base: string;
  /** Set when the node is another spec kind's schema: its page, not its keys. */
  readonly linkTo?: string;
}

/** The page file name of a schema (`data.schema.json` → `data`). */
export function schemaPageName(file: string): string {
  return file.replace(/\.schema\.json$/, "");
}

function pointerGet(root: SchemaNode, pointer: string): SchemaNode {
  let node: unknown = root;
  for (const raw of pointer.split("/").filter(Boolean)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) {
      throw new Error(`unresolvable $ref pointer ${pointer}`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node as SchemaNode;
}

function withoutRef(node: SchemaNode): SchemaNode {
  const { $ref: _ref, ...rest } = node;
  return rest;
}

class PageBuilder {
  readonly sections: Section[] = [];

  constructor(
    private readonly schemas: SchemaSet,
    private readonly page: string,
  ) {}

  resolve(node: SchemaNode, base: string, seen: ReadonlySet<string>): Resolved {
    if (node.$ref === undefined) return { node, base };
    const [filePart, pointer = ""] = node.$ref.split("#");
    const file = filePart === "" || filePart === undefined ? base : filePart;
    const key = `${file}#${pointer}`;
    if (seen.has(key)) return { node: withoutRef(node), base };
    const root = this.schemas.get(file);
    if (root === undefined) throw new Error(`${this.page}: $ref to unknown schema ${file}`);
    if (file !== this.page && !INLINED.has(file) && pointer === "") {
      return { node: { ...root, ...withoutRef(node) }, base: file, linkTo: file };
    }
    const target = this.resolve(pointerGet(root, pointer), file, new Set([...seen, key]));
    return { node: { ...target.node, ...withoutRef(node) }, base: target.base };
  }

  /** Adds the rows of `node`'s keys (and its variants' sections) under `path`. */
  expand(node: SchemaNode, path: string, base: string, into: Section, seen: Set<string>): void {
    const required = new Set(node.required ?? []);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      this.addKey(path === "" ? key : `${path}.${key}`, child, required.has(key), base, into, seen);
    }
    for (const part of node.allOf ?? []) {
      if (part.if !== undefined && part.then !== undefined) {
        const section = this.section(headingOf(path, `when ${conditionOf(part.if)}`), part.then);
        this.expand(part.then, path, base, section, seen);
      } else {
        const resolved = this.resolve(part, base, seen);
        this.expand(resolved.node, path, resolved.base, into, seen);
      }
    }
    for (const variant of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) {
      const resolved = this.resolve(variant, base, seen);
      if (!isObjectLike(resolved.node) || resolved.linkTo !== undefined) continue;
      const name = variantName(resolved.node);
      const section = this.section(headingOf(path, name), resolved.node);
      this.expand(resolved.node, path, resolved.base, section, seen);
    }
    const items = node.items === undefined ? undefined : this.resolve(node.items, base, seen);
    if (items !== undefined && items.linkTo === undefined && isObjectLike(items.node)) {
      this.expand(items.node, `${path}[]`, items.base, into, seen);
    }
    const extra = node.additionalProperties;
    if (typeof extra === "object") {
      const resolved = this.resolve(extra, base, seen);
      if (resolved.linkTo === undefined && isObjectLike(resolved.node)) {
        this.expand(resolved.node, `${path}.<name>`, resolved.base, into, seen);
      }
    }
  }

  addKey(
    path: string,
    node: SchemaNode,
    required: boolean,
    base: string,
    into: Section,
    seen: Set<string>,
  ): void {
    const resolved = this.resolve(node, base, seen);
    const r = resolved.node;
    const link =
      resolved.linkTo === undefined
        ? undefined
        : `[${schemaPageName(resolved.linkTo)}](./${schemaPageName(resolved.linkTo)}.md)`;
    into.rows.push({
      path,
      type: link === undefined ? inlineMarkdown(typeOf(r, this, resolved.base)) : `${link} spec`,
      required,
      default: r.default === undefined ? "" : inlineMarkdown(`\`${compact(r.default)}\``),
      allowed: inlineMarkdown(allowedOf(r)),
      description: inlineMarkdown(r.description ?? ""),
    });
    if (resolved.linkTo !== undefined) return;
    const key = node.$ref ?? "";
    if (key !== "" && seen.has(key)) return;
    const inner = new Set(seen);
    if (key !== "") inner.add(key);
    this.expand(r, path, resolved.base, into, inner);
  }

  section(heading: string, node: SchemaNode): Section {
    const section: Section = { heading, description: node.description ?? "", rows: [] };
    this.sections.push(section);
    return section;
  }
}

function isObjectLike(node: SchemaNode): boolean {
  return (
    node.properties !== undefined ||
    node.allOf !== undefined ||
    ((node.oneOf !== undefined || node.anyOf !== undefined) && node.type === "object")
  );
}

function headingOf(path: string, variant: string): string {
  return path === "" ? variant : `${path} — ${variant}`;
}

function variantName(node: SchemaNode): string {
  const discriminator = Object.entries(node.properties ?? {}).find(
    ([, p]) => p.const !== undefined,
  );
  if (discriminator !== undefined) return `${discriminator[0]}: ${String(discriminator[1].const)}`;
  if (node.title !== undefined) return node.title;
  const required = node.required ?? Object.keys(node.properties ?? {});
  return required.length === 0 ? "object" : `with ${required.join(", ")}`;
}

function conditionOf(condition: SchemaNode): string {
  const parts = Object.entries(condition.properties ?? {}).map(([key, p]) => {
    if (p.const !== undefined) return `${key} is ${compact(p.const)}`;
    if (p.enum !== undefined) return `${key} is one of ${p.enum.map(compact).join(", ")}`;
    return `${key} is set`;
  });
  for (const key of condition.required ?? []) {
    if (!Object.hasOwn(condition.properties ?? {}, key)) parts.push(`${key} is set`);
  }
  return parts.length === 0 ? "a condition holds" : parts.join(" and ");
}

function compact(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function typeOf(node: SchemaNode, builder: PageBuilder, base: string): string {
  if (node.const !== undefined) return "constant";
  const variants = node.oneOf ?? node.anyOf;
  if (node.type === undefined && variants !== undefined) {
    const names = variants.map((v) => {
      const resolved = builder.resolve(v, base, new Set());
      return resolved.linkTo !== undefined
        ? `${schemaPageName(resolved.linkTo)} spec`
        : typeOf(resolved.node, builder, resolved.base);
    });
    return [...new Set(names)].join(" | ");
  }
  const types =
    node.type === undefined ? [] : typeof node.type === "string" ? [node.type] : node.type;
  if (types.length === 0) {
    if (node.enum !== undefined) return [...new Set(node.enum.map((v) => typeof v))].join(" | ");
    if (node.properties !== undefined) return "object";
    if (node.items !== undefined) return "array";
    return "any";
  }
  return types
    .map((t) => {
      if (t !== "array" || node.items === undefined)
        return node.format ? `${t} (${node.format})` : t;
      const items = builder.resolve(node.items, base, new Set());
      const of =
        items.linkTo !== undefined
          ? `${schemaPageName(items.linkTo)} spec`
          : typeOf(items.node, builder, items.base);
      return `array of ${of}`;
    })
    .join(" | ");
}

function allowedOf(node: SchemaNode): string {
  const parts: string[] = [];
  if (node.const !== undefined) parts.push(`\`${compact(node.const)}\``);
  if (node.enum !== undefined) parts.push(node.enum.map((v) => `\`${compact(v)}\``).join(", "));
  if (node.minimum !== undefined) parts.push(`≥ ${node.minimum}`);
  if (node.exclusiveMinimum !== undefined) parts.push(`> ${node.exclusiveMinimum}`);
  if (node.maximum !== undefined) parts.push(`≤ ${node.maximum}`);
  if (node.exclusiveMaximum !== undefined) parts.push(`< ${node.exclusiveMaximum}`);
  if (node.minItems !== undefined) parts.push(`at least ${node.minItems} items`);
  if (node.maxItems !== undefined) parts.push(`at most ${node.maxItems} items`);
  if (node.minLength !== undefined) parts.push(`at least ${node.minLength} characters`);
  if (node.maxLength !== undefined) parts.push(`at most ${node.maxLength} characters`);
  if (node.pattern !== undefined) parts.push(`matches \`${node.pattern}\``);
  return parts.join("; ");
}

function table(rows: readonly Row[]): string {
  const lines = [
    "| key | type | default | allowed | description |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| <code>${escapeHtml(r.path)}</code>${r.required ? " (required)" : ""} | ${r.type} | ${r.default} | ${r.allowed} | ${r.description} |`,
    ),
  ];
  return lines.join("\n");
}

function renderSection(level: string, section: Section): string {
  const parts = [`${level} ${inlineMarkdown(section.heading)}`];
  if (section.description !== "") parts.push(inlineMarkdown(section.description));
  parts.push(section.rows.length === 0 ? "No keys of its own." : table(section.rows));
  return parts.join("\n\n");
}

/** The markdown page of one schema file. */
export function renderSchemaPage(file: string, schemas: SchemaSet): string {
  const schema = schemas.get(file);
  if (schema === undefined) throw new Error(`unknown schema ${file}`);
  const builder = new PageBuilder(schemas, file);
  const title = schemaPageName(file);
  const out = [
    `# ${title}`,
    `<code>schemas/${file}</code>${schema.title ? ` — ${inlineMarkdown(schema.title)}` : ""}`,
  ];
  if (schema.description) out.push(inlineMarkdown(schema.description));
  const hasKeys = schema.type !== undefined || schema.$ref !== undefined;
  if (hasKeys) {
    const main = builder.section("Keys", {});
    const resolved = builder.resolve(schema, file, new Set());
    builder.expand(resolved.node, "", resolved.base, main, new Set());
  } else {
    for (const [name, def] of Object.entries(schema.$defs ?? {})) {
      const section = builder.section(name, def);
      const resolved = builder.resolve(def, file, new Set());
      builder.expand(
        resolved.node,
        "",
        resolved.base,
        section,
        new Set([`${file}#/$defs/${name}`]),
      );
      if (section.rows.length === 0) {
        section.rows.push({
          path: name,
          type: inlineMarkdown(typeOf(resolved.node, builder, resolved.base)),
          required: false,
          default:
            resolved.node.default === undefined
              ? ""
              : inlineMarkdown(`\`${compact(resolved.node.default)}\``),
          allowed: inlineMarkdown(allowedOf(resolved.node)),
          description: "",
        });
      }
    }
  }
  for (const section of builder.sections) out.push(renderSection("##", section));
  if (schema.examples !== undefined && schema.examples.length > 0) {
    out.push("## Examples");
    for (const example of schema.examples) out.push(fence("yaml", stringify(example).trimEnd()));
  }
  return `${out.join("\n\n")}\n`;
}

/** The reference's index page: every schema with its title and first sentence. */
export function renderSchemaIndex(schemas: SchemaSet): string {
  const rows = [...schemas.entries()].map(([file, s]) => {
    const first = (s.description ?? "").split(/(?<=\.)\s/)[0] ?? "";
    return `| [${schemaPageName(file)}](./${schemaPageName(file)}.md) | <code>schemas/${file}</code> | ${inlineMarkdown(first)} |`;
  });
  return [
    "# Spec reference",
    "Generated from the JSON Schemas in <code>schemas/</code> (the source of truth) by <code>scripts/docs-generate.ts</code>: every key with its type, default, allowed values and description. Do not edit these pages; edit the schema and rebuild the site.",
    "| schema | file | what |\n| --- | --- | --- |",
  ]
    .join("\n\n")
    .concat(`\n${rows.join("\n")}\n`);
}
