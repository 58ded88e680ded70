import { statSync } from "node:fs";
import pl from "nodejs-polars";
import type { UserError } from "../../core/errors.js";
import { sectionLocation, type SpecLocation } from "../../core/spec-location.js";
import { dataMessages } from "../../messages/data.js";
import { dataFileError } from "../data-file-error.js";
import { seriesToFloat64 } from "../frame/canonical-frame.js";
import { finiteNumbers, type TableScan, textToNumbers } from "./table-scan.js";

/** Not a DataFrame member: polars answers a property with the column of that name. */
const ROW = "row_number";
/** Files from this size on are parsed on all of polars' threads. */
const PARALLEL_PARSE_BYTES = 4 * 1024 * 1024;

/**
 * A CSV file (RFC 4180: quoted fields, doubled quotes, CRLF or LF, UTF-8;
 * invalid bytes read as U+FFFD) scanned lazily with polars: the header is read
 * first, then the rows against a positional all-text schema one column wider
 * than the header, so a row with too many fields is caught (that column is
 * non-null) even when only some columns are read. Blank lines are skipped;
 * a row with fewer fields reads the missing ones as missing values. Line
 * numbers are row index + 2 (a field holding a line break shifts the lines
 * after it). `path` is read; `file` is how messages name it; `loc` is the
 * data section's place in the spec (problems in the file point at its `path`).
 */
export function scanCsvTable(
  path: string,
  file: string,
  loc: SpecLocation = sectionLocation("data"),
): TableScan {
  const fileKey = loc.at("/path");
  const header = readHeader(path, file, fileKey);
  const bytes = statSync(path).size;
  // a small file parses faster on one thread than with the pool's hand-offs
  const threads = bytes < PARALLEL_PARSE_BYTES ? { nThreads: 1 } : {};
  const column = (name: string): string => `c${header.indexOf(name)}`;
  const scanWith = (numeric: readonly string[]): pl.LazyDataFrame => {
    const floats = new Set(numeric.map(column));
    const schema: Record<string, pl.DataType> = {};
    for (let i = 0; i <= header.length; i++) {
      schema[`c${i}`] = floats.has(`c${i}`) ? pl.Float64 : pl.Utf8;
    }
    return pl.scanCSV(path, {
      hasHeader: false,
      skipRows: 1,
      schema,
      truncateRaggedLines: true,
      rowIndexName: ROW,
      encoding: "utf8-lossy",
      ...threads,
    });
  };
  return {
    file,
    fileKey,
    header,
    frame: scanWith([]),
    rowColumn: ROW,
    bytes,
    column,
    firstLine: 2,
    // numeric columns parsed by polars' CSV reader; a cell it cannot parse (a
    // missing-value marker such as NA, padding, a typo) fails that read and the
    // all-text frame is read instead
    typedFrame: scanWith,
    malformed: {
      column: `c${header.length}`,
      error: (line) =>
        dataFileError(
          file,
          { line },
          fileKey,
          dataMessages.csvTooManyFields(file, line, header.length),
        ),
    },
    skipsBlankRows: true,
    numbersShareType: true,
    noRows: () => dataFileError(file, { line: 1 }, fileKey, dataMessages.csvHeaderOnly(file)),
    failure: (error) => csvFailure(path, file, fileKey, error),
    timestamps: (series) => ({ kind: "text", series }),
    numbers: (series) =>
      series.dtype.equals(pl.Float64)
        ? finiteNumbers(seriesToFloat64(series))
        : textToNumbers(series),
  };
}

function readHeader(path: string, file: string, fileKey: SpecLocation): string[] {
  let names: string[];
  try {
    names = pl.scanCSV(path, {
      hasHeader: true,
      inferSchemaLength: 0,
      encoding: "utf8-lossy",
    }).columns;
  } catch (error) {
    throw headerFailure(file, fileKey, error);
  }
  return names.map((name) => name.trim());
}

function headerFailure(file: string, fileKey: SpecLocation, error: unknown): UserError {
  const empty = /empty CSV/i.test(errorText(error));
  return empty
    ? dataFileError(file, undefined, fileKey, dataMessages.csvEmpty(file))
    : dataFileError(file, { line: 1 }, fileKey, dataMessages.csvUnreadable(file, 1));
}

/**
 * A polars read failure as a UserError. Polars quotes the offending text in
 * its messages, so only the byte offset is taken from it (to name the line).
 */
async function csvFailure(
  path: string,
  file: string,
  fileKey: SpecLocation,
  error: unknown,
): Promise<UserError> {
  const text = errorText(error);
  if (/empty CSV/i.test(text)) {
    // the header was read: nothing follows it
    return dataFileError(file, { line: 1 }, fileKey, dataMessages.csvHeaderOnly(file));
  }
  const line = await unclosedQuoteLine(path);
  return dataFileError(
    file,
    line === undefined ? undefined : { line },
    fileKey,
    dataMessages.csvUnreadable(file, line),
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The line where a quoted field opens that is never closed: the file read
 * again as plain lines (no quoting), counting `"` per line; the last line
 * where the running count turns odd, when it ends odd. Undefined otherwise.
 */
async function unclosedQuoteLine(path: string): Promise<number | undefined> {
  try {
    const lines = pl.scanCSV(path, {
      hasHeader: false,
      sep: "\x1f",
      quoteChar: "\x1e",
      schema: { text: pl.Utf8 },
      truncateRaggedLines: true,
      rowIndexName: ROW,
      encoding: "utf8-lossy",
    });
    const text = pl.col("text");
    const quotes = text.str
      .lengths()
      .sub(text.str.replaceAll('"', "", true).str.lengths())
      .fillNull(0);
    const parity = lines.select(pl.col(ROW), quotes.cumSum().modulo(2).alias("odd"));
    const [last] = (await parity.tail(1).collect()).getColumn("odd").toArray() as number[];
    if (last !== 1) return undefined;
    const opens = parity.filter(pl.col("odd").eq(1).and(pl.col("odd").shift(1).fillNull(0).eq(0)));
    const [row] = (await opens.tail(1).collect()).getColumn(ROW).toArray() as number[];
    return row === undefined ? undefined : row + 1;
  } catch {
    return undefined;
  }
}
