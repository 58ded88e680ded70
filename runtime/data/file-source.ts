import { extname, isAbsolute, resolve } from "node:path";
import { UserError } from "../core/errors.js";
import { dataMessages } from "../messages/data.js";
import { scanCsvTable } from "./csv/csv-scan.js";
import { readTableBars, type TableReadOptions } from "./csv/table-to-bars.js";
import { assertDataFileReadable, dataFileByteLimit } from "./file-size-limit.js";
import { scanParquetTable } from "./parquet-reader.js";
import type { DataSourceSpec, LoadedSource, SourceContext } from "./source.js";

type FileSection = DataSourceSpec<"file">;

export function resolveDataPath(section: FileSection, ctx: SourceContext): string {
  const { path } = section;
  return isAbsolute(path) ? path : resolve(ctx.baseDir, path);
}

function formatOf(section: FileSection, file: string): "csv" | "parquet" {
  if (section.format) return section.format;
  const ext = extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return "csv";
  if (ext === ".parquet" || ext === ".pq") return "parquet";
  throw new UserError(dataMessages.unknownFormat(file), [
    { file, path: "/data/format", message: dataMessages.unknownFormat(file), severity: "error" },
  ]);
}

/** How the section's keys read a file's table (layout, mapping, dates). */
export function fileTableOptions(section: FileSection): TableReadOptions {
  return {
    layout: section.layout,
    columns: section.columns ?? {},
    ...(section.symbols ? { symbols: section.symbols } : {}),
    symbol: section.symbol,
    closesOnly: section.closes_only,
    dateFormat: section.date_format,
    timezone: section.timezone,
  };
}

/**
 * `source: file` loader: CSV or Parquet with column mapping, date format and
 * timezone. The file is checked with stat first (a regular file within
 * data.max_file_bytes and the caller's limit), then scanned lazily. Messages
 * name the file as the spec wrote it, never the resolved absolute path.
 */
export async function loadFileSource(
  section: FileSection,
  ctx: SourceContext,
): Promise<LoadedSource> {
  const path = resolveDataPath(section, ctx);
  const file = section.path;
  const limit = dataFileByteLimit(section.max_file_bytes, ctx.maxFileBytes);
  assertDataFileReadable(path, file, limit, ctx.specFile ?? file);
  const format = formatOf(section, file);
  const scan = format === "csv" ? scanCsvTable(path, file) : scanParquetTable(path, file);
  const sourced = await readTableBars(scan, fileTableOptions(section));
  return {
    sourced,
    provenance: {
      source: "file",
      name: file,
      licence: "as the file's owner states",
      origin: path,
      quirks: [],
      closesOnly: section.closes_only,
    },
    calendar: section.calendar,
  };
}
