/**
 * The normalized value of an optional section a spec leaves out: its schema
 * walked over `{}`, so every key with a schema default has it. The backtest
 * and report stages run even when an experiment has no such section, and
 * library callers (tests, notebooks) build a section from it with their
 * changes (`{ ...sectionDefaults("backtest"), engine: "event" }`) instead of
 * restating the schema's defaults. A `$defs` entry is named `stem/def`, as in
 * the generated `SpecSchemas` index.
 */
import { defaultLoader } from "./default-loader.js";
import { isPlainObject } from "./pointer.js";
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

export function sectionDefaults<K extends DefaultedSection>(section: K): SpecSchemas[K] {
  const { file } = SECTIONS[section];
  const path: readonly string[] = SECTIONS[section].path;
  const empty = path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), {});
  let value: unknown = walkSchema(defaultLoader().schemas, file, empty).data;
  for (const key of path) value = isPlainObject(value) ? value[key] : undefined;
  // Walking `{}` along the section's schema fills exactly its defaults (it has no required keys).
  return value as SpecSchemas[K];
}
