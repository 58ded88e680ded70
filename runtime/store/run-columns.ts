import { runQueryMessages as m } from "../messages/run-query.js";
import { fieldLabel, type RunField, resolveRunField } from "./run-fields.js";
import { RunQueryError } from "./run-query-error.js";

/** A column of a run query: a run field (`status`) or a metric (`sharpe`). */
export type RunColumn =
  | Extract<RunField, { kind: "run" }>
  | { readonly kind: "metric"; readonly key: string };

export interface RunSortKey {
  readonly column: RunColumn;
  readonly descending: boolean;
}

/** Names given as a list, each possibly comma-separated (`["sharpe,cagr", "maxDrawdown"]`). */
function splitNames(names: readonly string[] | string): string[] {
  const list = typeof names === "string" ? [names] : names;
  return list.flatMap((n) => n.split(",")).map((n) => n.trim());
}

function resolveColumn(name: string, where: (problem: string) => RunQueryError): RunColumn {
  if (name === "") throw where(m.emptyName());
  const field = resolveRunField(name);
  if (field === "syntax") throw where(m.badKey(name));
  if (field === "reserved") throw where(m.reservedKey(name));
  if (field.kind === "param" || field.kind === "tag") throw where(m.notAColumn(name));
  if (field.kind === "run") return field;
  return { kind: "metric", key: field.key };
}

const columnsError = (problem: string) => new RunQueryError(m.inColumns(problem), "columns");
const sortError = (problem: string) => new RunQueryError(m.inSort(problem), "sort");

/** `sharpe,cagr,status` → the columns, without repeats, at most `max`. */
export function parseRunColumns(names: readonly string[] | string, max: number): RunColumn[] {
  const parts = splitNames(names);
  if (parts.length === 1 && parts[0] === "") return [];
  if (parts.length > max) throw columnsError(m.tooManyColumns(parts.length, max));
  const out = new Map<string, RunColumn>();
  for (const name of parts) {
    const column = resolveColumn(name, columnsError);
    out.set(columnKey(column), column);
  }
  return [...out.values()];
}

/** `-sharpe,started` → sort keys (`-` descending, `+` or nothing ascending), at most `max`. */
export function parseRunSort(sort: string, max: number): RunSortKey[] {
  const parts = splitNames(sort);
  if (parts.length === 1 && parts[0] === "") return [];
  if (parts.length > max) throw sortError(m.tooManyColumns(parts.length, max));
  const out = new Map<string, RunSortKey>();
  for (const part of parts) {
    const descending = part.startsWith("-");
    const name = descending || part.startsWith("+") ? part.slice(1).trim() : part;
    const column = resolveColumn(name, sortError);
    if (!out.has(columnKey(column))) out.set(columnKey(column), { column, descending });
  }
  return [...out.values()];
}

/** A column's identity (`run:status`, `metric:sharpe`). */
export function columnKey(column: RunColumn): string {
  return column.kind === "run" ? `run:${column.name}` : `metric:${column.key}`;
}

/** A column as written (table headers, JSON). */
export function columnLabel(column: RunColumn): string {
  return fieldLabel(column);
}
