import pl from "nodejs-polars";
import type { UserError } from "../../core/errors.js";
import type { SpecLocation } from "../../core/spec-location.js";
import { dataMessages } from "../../messages/data.js";
import { dataFileError } from "../data-file-error.js";
import { seriesToFloat64 } from "../frame/canonical-frame.js";
import type { ColumnPlan } from "./column-plan.js";
import { plannedColumns } from "./column-plan.js";

/**
 * A lazily scanned table (CSV or Parquet) the bar reader pulls columns from.
 * The reader decides which columns it needs from `header`; one lazy query
 * reads only those (projection push-down) plus the row index, which gives
 * each row's source line for messages. Conversions run on the collected
 * columns (whole-column operations: per-column lazy expressions cost more
 * than the read itself in nodejs-polars).
 */
export interface TableScan {
  /** The file as the user named it (never an absolute server path). */
  readonly file: string;
  /** The spec key that names the file (`/data/path`): the pointer of problems in its rows. */
  readonly fileKey: SpecLocation;
  readonly header: readonly string[];
  /** The rows, with the row index in column `rowColumn`. */
  readonly frame: pl.LazyDataFrame;
  readonly rowColumn: string;
  /** The frame's column holding a header name's values. */
  column(name: string): string;
  /** The file's size: large files are read without blocking the event loop. */
  readonly bytes: number;
  /** Source line (CSV) or row (Parquet) of row index 0. */
  readonly firstLine: number;
  /**
   * A faster frame the format may offer, with the given columns already
   * numeric (CSV: parsed by polars' reader). If reading it fails, or a
   * value is bad (infinite), `frame` is read instead and names the bad cell.
   */
  typedFrame?(numeric: readonly string[]): pl.LazyDataFrame;
  /** A column whose non-null value marks a malformed row, and the error naming its line. */
  readonly malformed?: { readonly column: string; error(line: number): UserError };
  /** Every numeric column read has the same type (so they can be converted as one). */
  readonly numbersShareType: boolean;
  /** Rows where every column read is null are not records (CSV blank lines) and are skipped. */
  readonly skipsBlankRows: boolean;
  /** The error for a table without data rows (when the format makes that an error). */
  readonly noRows?: () => UserError;
  /** A read failure as a UserError naming the file (never echoing its content). */
  failure(error: unknown): Promise<UserError>;
  /** The column's timestamps: text (parsed with date_format) or epoch ms. */
  timestamps(series: pl.Series): TimestampValues;
  /** The column's numbers (NaN: missing), or the first row that is not a number. */
  numbers(series: pl.Series, column: string): NumberColumn;
}

export type NumberColumn =
  | { readonly values: Float64Array; readonly badRow?: undefined }
  | { readonly values?: undefined; readonly badRow: number };

export type TimestampValues =
  | { readonly kind: "text"; readonly series: pl.Series }
  /** `naive`: wall-clock time (to be read in data.timezone), else UTC. */
  | { readonly kind: "epoch_ms"; readonly values: Float64Array; readonly naive: boolean };

/** The columns a plan reads, collected and checked. */
export interface CollectedTable {
  readonly file: string;
  readonly height: number;
  /** Source line of each row. */
  readonly lines: Int32Array;
  /** A numeric column (NaN for missing values). */
  number(column: string): Float64Array;
  /** A text column, trimmed ("" for missing), equal strings shared. */
  text(column: string): string[];
  readonly timestamp: CollectedTimestamps;
}

export type CollectedTimestamps =
  | { readonly kind: "text"; readonly column: string; forEach(visit: TextVisitor): void }
  | {
      readonly kind: "epoch_ms";
      readonly column: string;
      readonly values: Float64Array;
      readonly naive: boolean;
    };

export type TextVisitor = (text: string, row: number) => void;

/** Files from this size on are collected asynchronously (polars threads; the event loop stays free). */
const ASYNC_READ_BYTES = 8 * 1024 * 1024;

/** Rows moved from polars to JS per slice, so a large text column never sits in the JS heap whole. */
const TEXT_CHUNK = 65_536;

/** Reads the plan's columns (one lazy query), failing on the first cell that is not a number. */
export async function collectPlan(
  scan: TableScan,
  plan: ColumnPlan,
  textColumns: readonly string[],
): Promise<CollectedTable> {
  const columns = plannedColumns(plan);
  const numeric = columns.filter((c) => c !== plan.timestamp && !textColumns.includes(c));
  const physical = [...new Set(columns.map((c) => scan.column(c)))];
  const wanted = [scan.rowColumn, ...physical, ...(scan.malformed ? [scan.malformed.column] : [])];
  const everyColumn = wanted.length >= scan.header.length + 1 + (scan.malformed ? 1 : 0);
  let dropped = false;
  const read = async (frame: pl.LazyDataFrame): Promise<pl.DataFrame> => {
    // a projection costs a fixed few ms in nodejs-polars: only when it drops columns
    const projected = everyColumn ? frame : frame.select(...wanted);
    // large files are read off the event loop; small ones synchronously (cheaper)
    const df = scan.bytes >= ASYNC_READ_BYTES ? await projected.collect() : projected.collectSync();
    if (!scan.skipsBlankRows) return df;
    const kept = nullCounts(df).get(physical[0] ?? "") ? withoutBlankRows(df, physical) : df;
    dropped = kept.height !== df.height;
    return kept;
  };
  let df: pl.DataFrame | undefined;
  let numbers: Map<string, NumberColumn> | undefined;
  if (scan.typedFrame) {
    df = await read(scan.typedFrame(numeric)).catch(() => undefined);
    numbers = df && numbersOf(scan, df, numeric);
    // a cell polars parsed as infinite: let the text path name it
    if (numbers && [...numbers.values()].some((n) => n.badRow !== undefined)) df = undefined;
  }
  if (!df) {
    try {
      df = await read(scan.frame);
    } catch (error) {
      throw await scan.failure(error);
    }
    numbers = undefined;
  }
  if (df.height === 0 && scan.noRows) throw scan.noRows();
  const table = df;
  const nulls = nullCounts(table);
  const lines = dropped
    ? rowLines(table.getColumn(scan.rowColumn), scan.firstLine)
    : Int32Array.from({ length: table.height }, (_, i) => i + scan.firstLine);
  if (scan.malformed && nulls.get(scan.malformed.column) !== table.height) {
    const at = firstNonNull(table.getColumn(scan.malformed.column));
    if (at >= 0) throw scan.malformed.error(lines[at]!);
  }
  const checked = numbers ?? numbersOf(scan, table, numeric);
  const firstBad = numeric
    .map((column) => ({ column, row: checked.get(column)?.badRow ?? -1 }))
    .filter((b) => b.row >= 0)
    .sort((a, b) => a.row - b.row)[0];
  if (firstBad) {
    const line = lines[firstBad.row]!;
    throw dataFileError(
      scan.file,
      { line },
      scan.fileKey,
      dataMessages.notANumber(scan.file, line, firstBad.column),
    );
  }
  const ts = scan.timestamps(table.getColumn(scan.column(plan.timestamp)));
  const timestamp: CollectedTimestamps =
    ts.kind === "text"
      ? { kind: "text", column: plan.timestamp, forEach: (visit) => forEachText(ts.series, visit) }
      : { kind: "epoch_ms", column: plan.timestamp, values: ts.values, naive: ts.naive };
  return {
    file: scan.file,
    height: table.height,
    lines,
    number: (c) => {
      const values = checked.get(c)?.values;
      if (!values) throw new Error(`column ${c} was not read as numbers`);
      return values;
    },
    text: (c) => internedTexts(table.getColumn(scan.column(c))),
    timestamp,
  };
}

/**
 * Every numeric column, converted. When the scan's numeric columns share one
 * type they are converted together (one unpivoted column: nodejs-polars pays
 * a fixed cost per Series handed to JS, more than converting a column);
 * a bad cell is then looked up column by column, which names the first row.
 */
function numbersOf(
  scan: TableScan,
  df: pl.DataFrame,
  numeric: readonly string[],
): Map<string, NumberColumn> {
  const separately = (): Map<string, NumberColumn> =>
    new Map(numeric.map((c) => [c, scan.numbers(df.getColumn(scan.column(c)), c)]));
  if (!scan.numbersShareType || numeric.length < 2) return separately();
  const physical = numeric.map((c) => scan.column(c));
  const stacked = df.unpivot([], physical).getColumn("value");
  const all = scan.numbers(stacked, "");
  if (all.values === undefined) return separately();
  const n = df.height;
  return new Map(numeric.map((c, i) => [c, { values: all.values.slice(i * n, (i + 1) * n) }]));
}

/** Cell texts that mean "no value" (NaN), not "not a number". */
const MISSING_TEXTS = ["", "nan", "NaN", "NA", "N/A", "null", "NULL", "None"];

/** A text cell as a number: NaN when missing, null when it is not a number. */
export function numberFromText(cell: pl.Expr): pl.Expr {
  const trimmed = cell.str.strip();
  return pl
    .when(trimmed.isNull().or(trimmed.isIn(MISSING_TEXTS)))
    .then(pl.lit(Number.NaN))
    .otherwise(trimmed.cast(pl.Float64, false));
}

/** A text column as numbers (missing markers: NaN), or the first row that is not a number. */
export function textToNumbers(series: pl.Series): NumberColumn {
  const converted = pl
    .DataFrame([series.alias("v")])
    .lazy()
    .select(numberFromText(pl.col("v")).alias("v"))
    .collectSync()
    .getColumn("v");
  const badRow = firstNull(converted);
  return badRow >= 0 ? { badRow } : finiteNumbers(seriesToFloat64(converted));
}

/** Numbers (NaN: missing) whose infinite values are bad cells: prices and volumes are finite. */
export function finiteNumbers(values: Float64Array): NumberColumn {
  const badRow = firstInfinite(values);
  return badRow >= 0 ? { badRow } : { values };
}

function firstInfinite(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) return i;
  }
  return -1;
}

/** Drops rows where every column read is null (blank lines); cheap when there are none. */
function withoutBlankRows(df: pl.DataFrame, columns: readonly string[]): pl.DataFrame {
  const first = columns[0];
  if (first === undefined || df.getColumn(first).nullCount() === 0) return df;
  let blank = df.getColumn(first).isNull();
  for (const c of columns.slice(1)) blank = blank.bitand(df.getColumn(c).isNull());
  return blank.sum() === 0 ? df : df.filter(blank.not());
}

/** Null count of every column (one frame: each Series handed to JS has a fixed cost). */
function nullCounts(df: pl.DataFrame): Map<string, number> {
  const counts = df.nullCount().row(0) as number[];
  return new Map(df.columns.map((c, i) => [c, counts[i] ?? 0]));
}

function rowLines(rows: pl.Series, firstLine: number): Int32Array {
  const raw = rows.toTypedArray() as ArrayLike<number>;
  const lines = new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) lines[i] = raw[i]! + firstLine;
  return lines;
}

function forEachText(series: pl.Series, visit: TextVisitor): void {
  for (let start = 0; start < series.length; start += TEXT_CHUNK) {
    const chunk = series.slice(start, TEXT_CHUNK).toArray() as (string | null)[];
    for (let i = 0; i < chunk.length; i++) visit(chunk[i] ?? "", start + i);
  }
}

/** Trimmed texts, one string per distinct value (symbol columns repeat a few values). */
function internedTexts(series: pl.Series): string[] {
  const text = series.dtype.equals(pl.Utf8) ? series : series.cast(pl.Utf8);
  const out: string[] = new Array(text.length);
  const seen = new Map<string, string>();
  forEachText(text, (raw, row) => {
    let trimmed = seen.get(raw);
    if (trimmed === undefined) {
      trimmed = raw.trim();
      seen.set(raw, trimmed);
    }
    out[row] = trimmed;
  });
  return out;
}

function firstNull(series: pl.Series): number {
  if (series.nullCount() === 0) return -1;
  return (series.isNull().toArray() as boolean[]).indexOf(true);
}

function firstNonNull(series: pl.Series): number {
  if (series.nullCount() === series.length) return -1;
  return (series.isNotNull().toArray() as boolean[]).indexOf(true);
}
