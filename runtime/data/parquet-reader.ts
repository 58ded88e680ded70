import { statSync } from "node:fs";
import pl from "nodejs-polars";
import { sectionLocation, type SpecLocation } from "../core/spec-location.js";
import { dataMessages } from "../messages/data.js";
import {
  finiteNumbers,
  type TableScan,
  type TimestampValues,
  textToNumbers,
} from "./csv/table-scan.js";
import { dataFileError } from "./data-file-error.js";
import { seriesToFloat64 } from "./frame/canonical-frame.js";

/**
 * A Parquet file scanned lazily with polars (only the columns the reader
 * needs are read). Numeric columns are read as numbers (nulls: missing), text
 * columns as CSV cells are; a Datetime timestamp column is taken as UTC (or,
 * when naive, as wall-clock time in data.timezone), a Date column as midnight
 * wall-clock time, anything else as text parsed with date_format. Rows are
 * numbered from 1 in messages. `path` is read; `file` is how messages name it;
 * `loc` is the data section's place in the spec (the pointers of errors).
 */
const ROW = "row_number";

export function scanParquetTable(
  path: string,
  file: string,
  loc: SpecLocation = sectionLocation("data"),
): TableScan {
  let header: string[];
  let scan: pl.LazyDataFrame;
  try {
    const source = pl.scanParquet(path);
    header = source.columns;
    // positional names: a polars DataFrame answers a property with the column
    // of that name, so a file's own names (`height`, `getColumn`) never reach one
    scan = source.rename(Object.fromEntries(header.map((name, i) => [name, `c${i}`])));
    scan.head(0).collectSync(); // a file that is not Parquet fails here
  } catch {
    throw dataFileError(file, undefined, loc.at("/path"), dataMessages.parquetUnreadable(file));
  }
  const column = (name: string): string => `c${header.indexOf(name)}`;
  return {
    file,
    fileKey: loc.at("/path"),
    header,
    frame: scan.withRowIndex(ROW),
    rowColumn: ROW,
    bytes: statSync(path).size,
    column,
    firstLine: 1,
    skipsBlankRows: false,
    numbersShareType: false,
    failure: async () =>
      dataFileError(file, undefined, loc.at("/path"), dataMessages.parquetUnreadable(file)),
    timestamps: timestampsOf,
    numbers: (series, column) => {
      const dtype = series.dtype.toString();
      if (isText(dtype)) return textToNumbers(series);
      if (!isNumeric(dtype)) {
        throw dataFileError(
          file,
          undefined,
          loc,
          dataMessages.parquetColumnType(file, column, dtype),
        );
      }
      return finiteNumbers(seriesToFloat64(series));
    },
  };
}

function timestampsOf(series: pl.Series): TimestampValues {
  const dtype = series.dtype.toString();
  if (/Datetime\(/.test(dtype)) {
    // `DataType(Datetime(ms,UTC))` is zoned, `DataType(Datetime(us,))` naive
    const unit = /Datetime\((\w+)/.exec(dtype)?.[1] ?? "ms";
    const divisor = unit === "ns" ? 1e6 : unit === "us" ? 1e3 : 1;
    const raw = seriesToFloat64(series.cast(pl.Int64));
    const values = divisor === 1 ? raw : raw.map((v) => Math.floor(v / divisor));
    return { kind: "epoch_ms", values, naive: /Datetime\(\w+,\s*(None)?\)/.test(dtype) };
  }
  if (/\bDate\)/.test(dtype)) {
    const days = seriesToFloat64(series.cast(pl.Int32));
    return { kind: "epoch_ms", values: days.map((d) => d * 86_400_000), naive: true };
  }
  return { kind: "text", series: series.cast(pl.Utf8) };
}

function isText(dtype: string): boolean {
  return /\b(String|Utf8)\b/.test(dtype);
}

function isNumeric(dtype: string): boolean {
  return /\b(Float32|Float64|Int8|Int16|Int32|Int64|UInt8|UInt16|UInt32|UInt64|Decimal)/.test(
    dtype,
  );
}
