import { formatValue } from "../report/format.js";
import type { StatisticRow } from "../report/tear-sheet-input.js";

/** Anything `table()` can show. */
export type Tabular =
  | readonly object[]
  | { readonly columns: readonly string[]; toRecords(): Record<string, unknown>[] }
  | object;

export interface TableOptions {
  /** Most rows shown (default 50; the first and last halves are kept). */
  readonly maxRows?: number;
  readonly caption?: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : String(value);
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function isStatisticRows(rows: readonly object[]): rows is readonly StatisticRow[] {
  return (
    rows.length > 0 &&
    rows.every((r) => "key" in r && "label" in r && "format" in r && "strategy" in r)
  );
}

/** Rows as records: polars DataFrames, record arrays, a key → value object, statistics rows (formatted). */
export function toRecords(data: Tabular): Record<string, unknown>[] {
  const frame = data as { toRecords?: unknown };
  if (!Array.isArray(data) && typeof frame.toRecords === "function") {
    // polars DataFrames are proxies: `"toRecords" in df` is false, the method is there.
    return (frame.toRecords as () => Record<string, unknown>[]).call(data);
  }
  if (Array.isArray(data)) {
    const rows = data as readonly object[];
    if (isStatisticRows(rows)) {
      const withBenchmark = rows.some((r) => r.benchmark !== undefined);
      return rows.map((r) => ({
        statistic: r.label,
        strategy: formatValue(r.strategy, r.format),
        ...(withBenchmark ? { benchmark: formatValue(r.benchmark, r.format) } : {}),
      }));
    }
    return (rows as readonly Readonly<Record<string, unknown>>[]).map((r) => ({ ...r }));
  }
  return Object.entries(data as Record<string, unknown>).map(([key, value]) => ({ key, value }));
}

/** An HTML table (escaped) with numbers right-aligned. */
export function htmlTable(data: Tabular, options: TableOptions = {}): string {
  const records = toRecords(data);
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const max = options.maxRows ?? 50;
  const shown =
    records.length <= max
      ? records
      : [...records.slice(0, Math.ceil(max / 2)), ...records.slice(-Math.floor(max / 2))];
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = shown
    .map((r) => {
      const cells = columns.map((c) => {
        const v = r[c];
        const align = typeof v === "number" ? ' style="text-align:right"' : "";
        return `<td${align}>${escapeHtml(cellText(v))}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("");
  const note =
    records.length > max ? `<p><em>${shown.length} of ${records.length} rows shown</em></p>` : "";
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : "";
  return `<table class="drlwb-table">${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${note}`;
}
