/**
 * The normalized value of an optional section a spec leaves out: its schema
 * walked over `{}`, so every key with a schema default has it. The backtest
 * and report stages run even when an experiment has no such section, and
 * library callers (tests, notebooks) build a section from it with their
 * changes (`{ ...sectionDefaults("backtest"), engine: "event" }`) instead of
 * restating the schema's defaults. A `$defs` entry is named `stem/def`, as in
 * the generated `SpecSchemas` index.
 */
import { cloneJson } from "./clone-json.js";
import { defaultLoader } from "./default-loader.js";
import { isPlainObject } from "./pointer.js";
import type { SchemaSet } from "./schema-set.js";
import { walkSchema } from "./schema-walk.js";
import type { SpecSchemas } from "./types.generated.js";

/**
 * Sections that run with their defaults when a spec leaves them out, each
 * with the keys that lead to it inside its schema file.
 */
const SECTIONS = {
  backtest: { file: "backtest.schema.json", path: [] },
  report: { file: "report.schema.json", path: [] },
  "backtest/execution": { file: "backtest.schema.json", path: ["execution"] },
  "backtest/costs": { file: "backtest.schema.json", path: ["costs"] },
} as const;
export type DefaultedSection = keyof typeof SECTIONS;

/** Each schema set's walked defaults, by section (a set never changes once loaded). */
const walked = new WeakMap<SchemaSet, Map<DefaultedSection, unknown>>();

/** A fresh copy of the section's defaults (callers may change it). */
export function sectionDefaults<K extends DefaultedSection>(section: K): SpecSchemas[K] {
  const schemas = defaultLoader().schemas;
  let bySection = walked.get(schemas);
  if (!bySection) {
    bySection = new Map();
    walked.set(schemas, bySection);
  }
  if (!bySection.has(section)) bySection.set(section, walkDefaults(schemas, section));
  // Walking `{}` along the section's schema fills exactly its defaults (it has no required keys).
  return cloneJson(bySection.get(section)) as SpecSchemas[K];
}

function walkDefaults(schemas: SchemaSet, section: DefaultedSection): unknown {
  const { file } = SECTIONS[section];
  const path: readonly string[] = SECTIONS[section].path;
  const empty = path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), {});
  let value: unknown = walkSchema(schemas, file, empty).data;
  for (const key of path) value = isPlainObject(value) ? value[key] : undefined;
  return value;
}
