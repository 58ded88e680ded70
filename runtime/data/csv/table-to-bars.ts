import { UserError } from "../../core/errors.js";
import { didYouMean } from "../../core/suggest.js";
import { dataMessages } from "../../messages/data.js";
import type { BarColumns } from "../frame/bar-columns.js";
import type { DateParser } from "./date-parser.js";

/** Canonical column → the source table's column name (`null`: the source has none). */
export type ColumnMapping = Partial<Record<CanonicalField, string | null>>;
export type CanonicalField =
  | "timestamp"
  | "symbol"
  | "open"
  | "high"
  | "low"
  | "close"
  | "volume"
  | "adj_close";

/** A table of text cells (CSV) with 1-based source line numbers per row. */
export interface TextTable {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly lines: Int32Array;
}

export interface LongTableOptions {
  readonly columns: ColumnMapping;
  /** Symbol of every row when the table has no symbol column. */
  readonly symbol: string;
  readonly parseDate: DateParser;
  readonly dateFormatLabel: string;
  /** Only close is required; open = high = low = close, volume 0 when absent. */
  readonly closesOnly: boolean;
}

/** Bars plus the source line of each row (for error and quality messages). */
export interface SourcedBars {
  readonly bars: BarColumns;
  readonly lines: Int32Array;
  readonly file: string;
}

const TIMESTAMP_CANDIDATES = ["timestamp", "date", "datetime", "time", "Date", "Datetime"];

/** Resolves the timestamp column name: the mapping, else the first usual name present. */
export function timestampColumnOf(table: TextTable, mapping: ColumnMapping): string {
  const mapped = mapping.timestamp;
  if (mapped) return mapped;
  return TIMESTAMP_CANDIDATES.find((c) => table.header.includes(c)) ?? "timestamp";
}

function columnIndex(table: TextTable, canonical: string, source: string): number {
  const idx = table.header.indexOf(source);
  if (idx >= 0) return idx;
  const message = dataMessages.missingColumn(table.file, canonical, source, table.header);
  const hint = dataMessages.missingColumnHint(didYouMean(source, table.header), canonical);
  throw new UserError(message, [
    {
      file: table.file,
      line: 1,
      col: 1,
      path: `/data/columns/${canonical}`,
      message,
      hint,
      severity: "error",
    },
  ]);
}

const MISSING = new Set(["", "nan", "NaN", "NA", "N/A", "null", "NULL", "None"]);

/** Parses a numeric cell; missing markers → NaN; anything else non-numeric → UserError. */
export function numberCell(table: TextTable, row: number, col: number): number {
  const text = table.rows[row]![col]!.trim();
  if (MISSING.has(text)) return Number.NaN;
  const value = Number(text);
  if (Number.isNaN(value)) {
    const line = table.lines[row]!;
    const column = table.header[col]!;
    const message = dataMessages.notANumber(table.file, line, column, text);
    throw new UserError(message, [
      { file: table.file, line, col: col + 1, path: "", message, severity: "error" },
    ]);
  }
  return value;
}

export function dateCell(
  table: TextTable,
  row: number,
  col: number,
  parse: DateParser,
  formatLabel: string,
): number {
  const text = table.rows[row]![col]!;
  const value = parse(text);
  if (Number.isNaN(value)) {
    const line = table.lines[row]!;
    const message = dataMessages.badDate(table.file, line, table.header[col]!, text, formatLabel);
    throw new UserError(message, [
      {
        file: table.file,
        line,
        col: col + 1,
        path: "/data/date_format",
        message,
        severity: "error",
      },
    ]);
  }
  return value;
}

/** A long table (one row per bar, optional symbol column) → bars. */
export function longTableToBars(table: TextTable, options: LongTableOptions): SourcedBars {
  const { columns } = options;
  const sourceName = (field: CanonicalField): string | null =>
    columns[field] === undefined ? field : (columns[field] ?? null);
  const tsCol = columnIndex(table, "timestamp", timestampColumnOf(table, columns));
  const closeCol = columnIndex(table, "close", sourceName("close") ?? "close");
  const optionalCol = (field: CanonicalField, required: boolean): number => {
    const name = sourceName(field);
    if (name === null) return -1;
    if (!required && !table.header.includes(name) && columns[field] === undefined) return -1;
    return columnIndex(table, field, name);
  };
  const ohlcRequired = !options.closesOnly;
  const openCol = optionalCol("open", ohlcRequired);
  const highCol = optionalCol("high", ohlcRequired);
  const lowCol = optionalCol("low", ohlcRequired);
  const volumeCol = optionalCol("volume", ohlcRequired);
  const adjCol = optionalCol("adj_close", false);
  const symbolCol = optionalCol("symbol", false);

  const n = table.rows.length;
  const f = (): Float64Array => new Float64Array(n);
  const timestamp = f();
  const open = f();
  const high = f();
  const low = f();
  const close = f();
  const volume = f();
  const adjClose = adjCol >= 0 ? f() : undefined;
  const symbol: string[] = new Array(n);
  for (let r = 0; r < n; r++) {
    timestamp[r] = dateCell(table, r, tsCol, options.parseDate, options.dateFormatLabel);
    const c = numberCell(table, r, closeCol);
    close[r] = c;
    open[r] = openCol >= 0 ? numberCell(table, r, openCol) : c;
    high[r] = highCol >= 0 ? numberCell(table, r, highCol) : c;
    low[r] = lowCol >= 0 ? numberCell(table, r, lowCol) : c;
    volume[r] = volumeCol >= 0 ? numberCell(table, r, volumeCol) : 0;
    if (adjClose) adjClose[r] = numberCell(table, r, adjCol);
    symbol[r] = symbolCol >= 0 ? table.rows[r]![symbolCol]!.trim() : options.symbol;
  }
  const bars: BarColumns = {
    timestamp,
    symbol,
    open,
    high,
    low,
    close,
    volume,
    ...(adjClose ? { adjClose } : {}),
  };
  return { bars, lines: Int32Array.from(table.lines), file: table.file };
}

export interface WideTableOptions {
  readonly timestampColumn: string;
  /** Columns holding one symbol's closes each (default: every other column). */
  readonly symbols?: readonly string[];
  readonly parseDate: DateParser;
  readonly dateFormatLabel: string;
}

/**
 * A wide closes-only table (a date column plus one close column per symbol) →
 * bars with open = high = low = close and volume 0, in file order (time-major).
 */
export function wideCloseTableToBars(table: TextTable, options: WideTableOptions): SourcedBars {
  const tsCol = columnIndex(table, "timestamp", options.timestampColumn);
  const symbols = options.symbols ?? table.header.filter((_, i) => i !== tsCol);
  const symbolCols = symbols.map((s) => columnIndex(table, s, s));
  const rowsIn = table.rows.length;
  const n = rowsIn * symbols.length;
  const timestamp = new Float64Array(n);
  const close = new Float64Array(n);
  const symbol: string[] = new Array(n);
  const lines = new Int32Array(n);
  let k = 0;
  for (let r = 0; r < rowsIn; r++) {
    const ts = dateCell(table, r, tsCol, options.parseDate, options.dateFormatLabel);
    for (let s = 0; s < symbols.length; s++) {
      timestamp[k] = ts;
      close[k] = numberCell(table, r, symbolCols[s]!);
      symbol[k] = symbols[s]!;
      lines[k] = table.lines[r]!;
      k++;
    }
  }
  const bars: BarColumns = {
    timestamp,
    symbol,
    open: Float64Array.from(close),
    high: Float64Array.from(close),
    low: Float64Array.from(close),
    close,
    volume: new Float64Array(n),
  };
  return { bars, lines, file: table.file };
}
