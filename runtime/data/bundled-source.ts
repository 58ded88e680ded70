import { join } from "node:path";
import { projectPaths } from "../core/project-paths.js";
import { specError } from "../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../core/spec-location.js";
import { didYouMean } from "../core/suggest.js";
import { dataMessages } from "../messages/data.js";
import {
  type BundledDataset,
  bundledDatasetNames,
  findBundledDataset,
  fractionalYearToDate,
} from "./bundled-catalog.js";
import { scanCsvTable } from "./csv/csv-scan.js";
import { readTableBars, type SourcedBars, type TableReadOptions } from "./csv/table-to-bars.js";
import type { DataSpec } from "../spec/types.generated.js";
import { bundledProvenance, type LoadedSource, type SourceContext } from "./source.js";

/** The bundled dataset `name` (`loc`: the data section's place in the spec). */
export function bundledDatasetOrThrow(
  name: string | undefined,
  loc: SpecLocation = sectionLocation("data"),
): BundledDataset {
  const known = bundledDatasetNames();
  const entry = name === undefined ? undefined : findBundledDataset(name);
  if (entry) return entry;
  throw specError(
    loc.at("/name"),
    dataMessages.unknownBundled(name ?? "", didYouMean(name ?? "", known), known),
    `one of: ${known.join(", ")}`,
  );
}

/** Reads one bundled dataset's file into bars (source order), with the file reader every CSV goes through. */
export async function readBundledBars(
  entry: BundledDataset,
  dir = projectPaths.bundledData(),
): Promise<SourcedBars> {
  const scan = scanCsvTable(join(dir, entry.file), `runtime/data/bundled/${entry.file}`);
  return readTableBars(scan, bundledTableOptions(entry));
}

function bundledTableOptions(entry: BundledDataset): TableReadOptions {
  const base = { dateFormat: "iso", timezone: "UTC", symbol: "", closesOnly: false } as const;
  switch (entry.layout) {
    case "ohlcv":
      return {
        ...base,
        layout: "long",
        columns: { timestamp: "date", symbol: null },
        symbol: entry.symbol ?? entry.name.toUpperCase(),
      };
    case "long_price":
      return {
        ...base,
        layout: "long",
        columns: { timestamp: "date", close: "price", symbol: "symbol" },
        closesOnly: true,
      };
    case "wide_close":
      return { ...base, layout: "wide_close", columns: { timestamp: "date" } };
    case "fractional_year_wide":
      return {
        ...base,
        layout: "wide_close",
        columns: { timestamp: "t" },
        customDate: {
          parse: (text) => {
            const t = Number(text);
            return text.trim() === "" || Number.isNaN(t) ? Number.NaN : fractionalYearToDate(t);
          },
          label: "fractional year",
        },
      };
  }
}

/** `source: bundled` loader. */
export async function loadBundledSource(
  section: DataSpec,
  ctx: SourceContext,
): Promise<LoadedSource> {
  const entry = bundledDatasetOrThrow(section.name, ctx.loc);
  return {
    sourced: await readBundledBars(entry),
    provenance: bundledProvenance(entry),
    calendar: entry.calendar,
    interval: entry.interval,
  };
}
