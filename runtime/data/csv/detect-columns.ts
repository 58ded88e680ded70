/**
 * What a data file's header offers, for reading a file without a spec
 * (`drlwb data describe prices.csv`): which bar fields have a column (exactly
 * or up to case and punctuation: `Close`, `Adj Close`), whether the table is
 * long (a close column) or wide (a date column plus one close column per
 * symbol), and whether it needs `closes_only` (open, high, low or volume
 * missing). The result is the `data:` keys a spec would need.
 */
import { timestampColumnOf } from "./column-plan.js";
import type { CanonicalField, ColumnMapping } from "./table-to-bars.js";

export interface DetectedColumns {
  readonly layout: "long" | "wide_close";
  /** long: some of open, high, low, volume have no column. */
  readonly closesOnly: boolean;
  /** The fields whose column has another name than the field (`close` → `Close`). */
  readonly columns: ColumnMapping;
  /** long: the bar fields without a column (open, high, low, volume). */
  readonly missing: readonly CanonicalField[];
  /** wide_close: the symbol columns. */
  readonly symbols: readonly string[];
}

const OPTIONAL_BAR_FIELDS = ["open", "high", "low", "volume"] as const;
const OTHER_FIELDS = ["adj_close", "symbol"] as const;
const TIMESTAMP_NAMES = ["timestamp", "date", "datetime", "time"];

const loose = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** The header cell for `field`: the exact name, else the one equal up to case and punctuation. */
function cellFor(header: readonly string[], field: string): string | undefined {
  if (header.includes(field)) return field;
  const wanted = loose(field);
  return header.find((cell) => loose(cell) === wanted);
}

export function detectColumns(header: readonly string[]): DetectedColumns {
  const columns = new Map<CanonicalField, string>();
  const note = (field: CanonicalField, cell: string | undefined): boolean => {
    if (cell === undefined) return false;
    if (cell !== field) columns.set(field, cell);
    return true;
  };
  // The loader finds `timestamp`, `date`, `Date`, … itself; another spelling needs a mapping.
  const usual = timestampColumnOf(header, {});
  const timestamp = header.includes(usual)
    ? usual
    : TIMESTAMP_NAMES.map((name) => cellFor(header, name)).find((cell) => cell !== undefined);
  if (timestamp !== undefined && timestamp !== usual) columns.set("timestamp", timestamp);
  const close = cellFor(header, "close");
  if (close === undefined) {
    const symbols = header.filter((cell) => cell !== timestamp);
    return {
      layout: "wide_close",
      closesOnly: false,
      columns: Object.fromEntries(columns),
      missing: [],
      symbols,
    };
  }
  note("close", close);
  const missing = OPTIONAL_BAR_FIELDS.filter((field) => !note(field, cellFor(header, field)));
  for (const field of OTHER_FIELDS) note(field, cellFor(header, field));
  return {
    layout: "long",
    closesOnly: missing.length > 0,
    columns: Object.fromEntries(columns),
    missing,
    symbols: [],
  };
}
