import { existsSync, readFileSync } from "node:fs";
import { extname, isAbsolute, resolve } from "node:path";
import { UserError } from "../core/errors.js";
import { dataMessages } from "../messages/data.js";
import { createDateParser } from "./csv/date-parser.js";
import { parseCsv } from "./csv/parse-csv.js";
import {
  longTableToBars,
  type SourcedBars,
  timestampColumnOf,
  wideCloseTableToBars,
} from "./csv/table-to-bars.js";
import type { DataSection } from "./data-section.js";
import { readParquetBars } from "./parquet-reader.js";
import type { LoadedSource, SourceContext } from "./source.js";

export function resolveDataPath(section: DataSection, ctx: SourceContext): string {
  const path = section.path ?? "";
  return isAbsolute(path) ? path : resolve(ctx.baseDir, path);
}

function formatOf(section: DataSection, file: string): "csv" | "parquet" {
  if (section.format) return section.format;
  const ext = extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return "csv";
  if (ext === ".parquet" || ext === ".pq") return "parquet";
  throw new UserError(dataMessages.unknownFormat(file), [
    { file, path: "/data/format", message: dataMessages.unknownFormat(file), severity: "error" },
  ]);
}

/** Reads a CSV file's text into bars according to the section's mapping. */
export function csvTextToBars(text: string, file: string, section: DataSection): SourcedBars {
  const table = parseCsv(text, file);
  const dateFormat = section.date_format ?? "iso";
  const parseDate = createDateParser(dateFormat, section.timezone ?? "UTC");
  const dateFormatLabel = dateFormat === "iso" ? "YYYY-MM-DD[ HH:MM:SS]" : dateFormat;
  const columns = section.columns ?? {};
  if (section.layout === "wide_close") {
    return wideCloseTableToBars(table, {
      timestampColumn: timestampColumnOf(table, columns),
      ...(section.symbols ? { symbols: section.symbols } : {}),
      parseDate,
      dateFormatLabel,
    });
  }
  return longTableToBars(table, {
    columns,
    symbol: section.symbol ?? "ASSET",
    parseDate,
    dateFormatLabel,
    closesOnly: section.closes_only ?? false,
  });
}

/** `source: file` loader: CSV or Parquet with column mapping, date format and timezone. */
export async function loadFileSource(
  section: DataSection,
  ctx: SourceContext,
): Promise<LoadedSource> {
  const file = resolveDataPath(section, ctx);
  if (!existsSync(file)) {
    const message = dataMessages.fileNotFound(file);
    throw new UserError(message, [
      { file: ctx.specFile ?? file, path: "/data/path", message, severity: "error" },
    ]);
  }
  const format = formatOf(section, file);
  const sourced =
    format === "csv"
      ? csvTextToBars(readFileSync(file, "utf8"), file, section)
      : readParquetBars(file, section);
  return {
    sourced,
    provenance: {
      source: "file",
      name: section.path ?? file,
      licence: "as the file's owner states",
      origin: file,
      quirks: [],
      closesOnly: section.closes_only ?? section.layout === "wide_close",
    },
    calendar: section.calendar ?? "business_day",
  };
}
