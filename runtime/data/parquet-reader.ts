import pl from "nodejs-polars";
import { UserError } from "../core/errors.js";
import { dataMessages } from "../messages/data.js";
import { createDateParser, createWallClockConverter } from "./csv/date-parser.js";
import type { CanonicalField, SourcedBars, TextTable } from "./csv/table-to-bars.js";
import { longTableToBars } from "./csv/table-to-bars.js";
import type { DataSection } from "./data-section.js";
import { seriesToFloat64 } from "./frame/canonical-frame.js";

/**
 * Reads a Parquet file in long layout. Numeric columns are read as numbers;
 * a Datetime timestamp column is taken as UTC (or, when naive, as wall-clock
 * time in data.timezone); an integer one as epoch ms (or date_format epoch_s);
 * a text one is parsed with date_format. Errors name the file, row and column.
 */
export function readParquetBars(file: string, section: DataSection): SourcedBars {
  let frame: pl.DataFrame;
  try {
    frame = pl.readParquet(file);
  } catch (error) {
    const message = dataMessages.parquetUnreadable(file, (error as Error).message);
    throw new UserError(message, [{ file, path: "/data/path", message, severity: "error" }]);
  }
  const header = frame.columns;
  const columns = section.columns ?? {};
  const timezone = section.timezone ?? "UTC";
  const tsName =
    columns.timestamp ??
    ["timestamp", "date", "datetime", "time", "Date"].find((c) => header.includes(c)) ??
    "timestamp";
  const n = frame.height;
  // Render each column as text cells so the one long-table reader (with its
  // row/column diagnostics) applies; numbers keep full precision via String().
  const rows: string[][] = Array.from({ length: n }, () => new Array(header.length).fill(""));
  header.forEach((name, c) => {
    const series = frame.getColumn(name);
    const cells = columnCells(series, name === tsName, timezone);
    for (let r = 0; r < n; r++) rows[r]![c] = cells[r]!;
  });
  const table: TextTable = {
    file,
    header,
    rows,
    lines: Int32Array.from({ length: n }, (_, i) => i + 1),
  };
  const tsIsTemporal =
    header.includes(tsName) && isDatetime(frame.getColumn(tsName).dtype.toString());
  const format = tsIsTemporal ? "epoch_ms" : (section.date_format ?? "iso");
  const mapping: Partial<Record<CanonicalField, string | null>> = { ...columns, timestamp: tsName };
  return longTableToBars(table, {
    columns: mapping,
    symbol: section.symbol ?? "ASSET",
    parseDate: createDateParser(format, tsIsTemporal ? "UTC" : timezone),
    dateFormatLabel: format,
    closesOnly: section.closes_only ?? false,
  });
}

function columnCells(series: pl.Series, isTimestamp: boolean, timezone: string): string[] {
  const dtype = series.dtype.toString();
  if (isTimestamp && isDatetime(dtype)) {
    const unit = /Datetime\((\w+)/.exec(dtype)?.[1] ?? "ms";
    const divisor = unit === "ns" ? 1e6 : unit === "us" ? 1e3 : 1;
    const naive = /Datetime\(\w+,\s*(None)?\)/.test(dtype);
    const raw = seriesToFloat64(series.cast(pl.Int64));
    const toUtc = createWallClockConverter(naive ? timezone : "UTC");
    return Array.from(raw, (v) => {
      if (Number.isNaN(v)) return "";
      const ms = Math.floor(v / divisor);
      if (!naive) return String(ms);
      const d = new Date(ms);
      return String(
        toUtc({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
          second: d.getUTCSeconds(),
          ms: d.getUTCMilliseconds(),
        }),
      );
    });
  }
  if (/\bDate\)/.test(dtype)) {
    return Array.from(seriesToFloat64(series.cast(pl.Int32)), (d) =>
      Number.isNaN(d) ? "" : new Date(d * 86_400_000).toISOString().slice(0, 10),
    );
  }
  return (series.toArray() as unknown[]).map((v) =>
    v === null || v === undefined ? "" : String(v),
  );
}

/** `DataType(Datetime(ms,UTC))`, `DataType(Datetime(us,))`, … */
function isDatetime(dtype: string): boolean {
  return /Datetime\(/.test(dtype);
}
