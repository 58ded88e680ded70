import { readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/errors.js";
import { projectPaths } from "../core/project-paths.js";
import { didYouMean } from "../core/suggest.js";
import { dataMessages } from "../messages/data.js";
import {
  type BundledDataset,
  bundledDatasetNames,
  findBundledDataset,
  fractionalYearToDate,
} from "./bundled-catalog.js";
import { createDateParser } from "./csv/date-parser.js";
import { parseCsv } from "./csv/parse-csv.js";
import { longTableToBars, type SourcedBars, wideCloseTableToBars } from "./csv/table-to-bars.js";
import type { DataSection } from "./data-section.js";
import { bundledProvenance, type LoadedSource } from "./source.js";

export function bundledDatasetOrThrow(name: string | undefined): BundledDataset {
  const known = bundledDatasetNames();
  const entry = name === undefined ? undefined : findBundledDataset(name);
  if (entry) return entry;
  const message = dataMessages.unknownBundled(name ?? "", didYouMean(name ?? "", known), known);
  throw new UserError(message, [
    {
      file: "",
      path: "/data/name",
      message,
      hint: `one of: ${known.join(", ")}`,
      severity: "error",
    },
  ]);
}

/** Reads one bundled dataset's file into bars (source order). */
export function readBundledBars(
  entry: BundledDataset,
  dir = projectPaths.bundledData(),
): SourcedBars {
  const file = join(dir, entry.file);
  const table = parseCsv(readFileSync(file, "utf8"), file);
  const iso = { parseDate: createDateParser("iso", "UTC"), dateFormatLabel: "YYYY-MM-DD" };
  switch (entry.layout) {
    case "ohlcv":
      return longTableToBars(table, {
        ...iso,
        columns: { timestamp: "date", symbol: null },
        symbol: entry.symbol ?? entry.name.toUpperCase(),
        closesOnly: false,
      });
    case "long_price":
      return longTableToBars(table, {
        ...iso,
        columns: { timestamp: "date", close: "price", symbol: "symbol" },
        symbol: "",
        closesOnly: true,
      });
    case "wide_close":
      return wideCloseTableToBars(table, { ...iso, timestampColumn: "date" });
    case "fractional_year_wide":
      return wideCloseTableToBars(table, {
        timestampColumn: "t",
        parseDate: (text) => {
          const t = Number(text);
          return text.trim() === "" || Number.isNaN(t) ? Number.NaN : fractionalYearToDate(t);
        },
        dateFormatLabel: "fractional year",
      });
  }
}

/** `source: bundled` loader. */
export async function loadBundledSource(section: DataSection): Promise<LoadedSource> {
  const entry = bundledDatasetOrThrow(section.name);
  return {
    sourced: readBundledBars(entry),
    provenance: bundledProvenance(entry),
    calendar: entry.calendar,
    interval: entry.interval,
  };
}
