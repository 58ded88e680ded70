import type { RunsTable } from "./tables.js";

/** The run record's own fields a query may name (filter, columns, sort). */
export type RunFieldName = "id" | "experiment" | "kind" | "status" | "seed" | "started" | "ended";

/** What a name in a query refers to: a field of the run, or one of its metrics, params or tags. */
export type RunField =
  | { readonly kind: "run"; readonly name: RunFieldName }
  | { readonly kind: "metric" | "param" | "tag"; readonly key: string };

/** The runs table's column behind each run field. */
export const RUN_FIELD_COLUMNS: ReadonlyMap<RunFieldName, keyof RunsTable> = new Map<
  RunFieldName,
  keyof RunsTable
>([
  ["id", "id"],
  ["experiment", "experiment"],
  ["kind", "kind"],
  ["status", "status"],
  ["seed", "seed"],
  ["started", "started_at"],
  ["ended", "ended_at"],
]);

/** The names a user may write for each run field (`name` is the experiment's name). */
const RUN_FIELD_NAMES: ReadonlyMap<string, RunFieldName> = new Map<string, RunFieldName>([
  ["id", "id"],
  ["experiment", "experiment"],
  ["name", "experiment"],
  ["kind", "kind"],
  ["status", "status"],
  ["seed", "seed"],
  ["started", "started"],
  ["started_at", "started"],
  ["ended", "ended"],
  ["ended_at", "ended"],
]);

/** Run fields compared as text (=, !=, ~); `seed` is a number; the times compare as ISO-8601 text. */
export const TEXT_RUN_FIELDS: ReadonlySet<RunFieldName> = new Set<RunFieldName>([
  "id",
  "experiment",
  "kind",
  "status",
]);

/** Metric, param and tag keys: letters, digits, `_` and `-` in dot-separated parts (`test.sharpe`, `weights.BRK-B`). */
const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$/;
const MAX_KEY_LENGTH = 200;
/** Metric names become keys of each row's `metrics` object: never one that touches a prototype. */
const RESERVED_PARTS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

const PREFIXES = new Map<string, "metric" | "param" | "tag">([
  ["metric.", "metric"],
  ["param.", "param"],
  ["tag.", "tag"],
]);

export type FieldProblem = "syntax" | "reserved";

/**
 * Resolves a name written in a query: a run field (`status`, `name`), a
 * param (`param.backtest.costs.commission`), a tag (`tag.owner`), or else a
 * metric (`sharpe`, `test.sharpe`, or explicitly `metric.status`).
 */
export function resolveRunField(text: string): RunField | FieldProblem {
  const run = RUN_FIELD_NAMES.get(text);
  if (run !== undefined) return { kind: "run", name: run };
  for (const [prefix, kind] of PREFIXES) {
    if (text.startsWith(prefix)) return keyed(kind, text.slice(prefix.length));
  }
  return keyed("metric", text);
}

function keyed(kind: "metric" | "param" | "tag", key: string): RunField | FieldProblem {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) return "syntax";
  if (kind === "metric" && key.split(".").some((part) => RESERVED_PARTS.has(part)))
    return "reserved";
  return { kind, key };
}

/** How a field is written back in messages and table headers. */
export function fieldLabel(field: RunField): string {
  if (field.kind === "run") return field.name;
  return field.kind === "metric" ? field.key : `${field.kind}.${field.key}`;
}
