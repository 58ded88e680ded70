import { columnKey, columnLabel, type RunColumn } from "../runtime/store/run-columns.js";
import type { RunRow } from "../runtime/store/run-query.js";

/** Columns every table starts with. */
const LEADING: readonly RunColumn[] = [
  { kind: "run", name: "id" },
  { kind: "run", name: "experiment" },
  { kind: "run", name: "status" },
];

/** Shown after the leading columns when the query names none. */
export const DEFAULT_TABLE_COLUMNS: readonly RunColumn[] = [
  { kind: "run", name: "started" },
  { kind: "run", name: "seed" },
];

/** The table's columns: id, experiment, status, then the asked ones (no repeats). */
export function tableColumns(asked: readonly RunColumn[]): RunColumn[] {
  const out = new Map<string, RunColumn>();
  for (const column of [...LEADING, ...asked]) out.set(columnKey(column), column);
  return [...out.values()];
}

/** Metrics with 4 decimals; very large or very small magnitudes in exponent form; missing as "—". */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const size = Math.abs(value);
  if (size !== 0 && (size >= 1e9 || size < 1e-4)) return value.toExponential(3);
  return value.toFixed(4);
}

/** `2026-12-03T19:23:49.000Z` → `2026-12-03 19:23:49` (UTC). */
function formatTime(iso: string | null): string {
  if (iso === null) return "—";
  return iso.replace("T", " ").replace(/(\.\d+)?Z$/, "");
}

function cell(
  row: RunRow,
  column: RunColumn,
): { readonly text: string; readonly numeric: boolean } {
  if (column.kind === "metric")
    return {
      text: formatMetric(Object.hasOwn(row.metrics, column.key) ? row.metrics[column.key] : null),
      numeric: true,
    };
  switch (column.name) {
    case "id":
      return { text: row.id, numeric: false };
    case "experiment":
      return { text: row.experiment, numeric: false };
    case "kind":
      return { text: row.kind, numeric: false };
    case "status":
      return { text: row.status, numeric: false };
    case "seed":
      return { text: row.seed === null ? "—" : String(row.seed), numeric: true };
    case "started":
      return { text: formatTime(row.startedAt), numeric: false };
    case "ended":
      return { text: formatTime(row.endedAt), numeric: false };
  }
}

/**
 * Rows as an aligned text table: a header, then one line per run; numbers
 * right-aligned, text left-aligned, two spaces between columns.
 */
export function formatRunsTable(rows: readonly RunRow[], columns: readonly RunColumn[]): string {
  const cells = rows.map((row) => columns.map((column) => cell(row, column)));
  const headers = columns.map(columnLabel);
  const numeric = columns.map(
    (_, j) => cells.every((r) => r[j]?.numeric ?? false) && cells.length > 0,
  );
  const widths = columns.map((_, j) =>
    Math.max(headers[j]?.length ?? 0, ...cells.map((r) => r[j]?.text.length ?? 0)),
  );
  const line = (texts: readonly string[]): string =>
    texts
      .map((t, j) => (numeric[j] ? t.padStart(widths[j] ?? 0) : t.padEnd(widths[j] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headers), ...cells.map((r) => line(r.map((c) => c.text)))].join("\n");
}
