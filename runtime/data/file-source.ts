import { extname, isAbsolute, resolve } from "node:path";
import { specError } from "../core/spec-error.js";
import { type SpecLocation, specLocation } from "../core/spec-location.js";
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

function formatOf(section: FileSection, file: string, loc: SpecLocation): "csv" | "parquet" {
  if (section.format) return section.format;
  const ext = extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return "csv";
  if (ext === ".parquet" || ext === ".pq") return "parquet";
  throw specError(loc.at("/format"), dataMessages.unknownFormat(file));
}

/** How the section's keys read a file's table (layout, mapping, dates); `loc`: the section's place. */
export function fileTableOptions(section: FileSection, loc?: SpecLocation): TableReadOptions {
  return {
    ...(loc ? { loc } : {}),
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
 * name the file as the spec wrote it, never the resolved absolute path; a
 * problem with a spec key names the spec's file, pointer and line:col (with
 * no spec: the data file as given, at `/data/<key>`).
 */
export async function loadFileSource(
  section: FileSection,
  ctx: SourceContext,
): Promise<LoadedSource> {
  const path = resolveDataPath(section, ctx);
  const file = section.path;
  const loc = ctx.loc ?? specLocation(file).at("/data");
  const limit = dataFileByteLimit(section.max_file_bytes, ctx.maxFileBytes);
  assertDataFileReadable(path, file, limit, loc.at("/path"));
  const format = formatOf(section, file, loc);
  const scan = format === "csv" ? scanCsvTable(path, file, loc) : scanParquetTable(path, file, loc);
  const sourced = await readTableBars(scan, fileTableOptions(section, loc));
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
