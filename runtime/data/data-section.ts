import type { CalendarKind } from "./bundled-catalog.js";
import type { ColumnMapping } from "./csv/table-to-bars.js";
import type { QualityConfig } from "./quality/quality-config.js";

/** Bar intervals the data layer can resample to (coarser only). */
export const RESAMPLE_INTERVALS = ["1h", "1d", "1w", "1mo"] as const;
export type ResampleInterval = (typeof RESAMPLE_INTERVALS)[number];

/** How symbols with different bar calendars are put on one calendar. */
export interface AlignConfig {
  /** `union` (default), `intersection`, or a symbol whose calendar all others follow. */
  readonly calendar?: string;
  /** `none` (default): missing bars stay NaN; `ffill`: carry the last value forward. */
  readonly fill?: "none" | "ffill";
  /** Most consecutive bars `ffill` may fill (default unlimited). */
  readonly limit?: number;
}

/**
 * The `data:` section of a spec (schemas/data.schema.json). Provider sources
 * (`yahoo`, …) add their own keys; this is the part the loader itself reads.
 */
export interface DataSection {
  readonly source: string;
  /** bundled: dataset name. */
  readonly name?: string;
  /** file: path, relative to the spec's folder. */
  readonly path?: string;
  readonly format?: "csv" | "parquet";
  /** file: `long` (one row per bar; default) or `wide_close` (a date column, one close column per symbol). */
  readonly layout?: "long" | "wide_close";
  /** file: symbol of every row when the file has no symbol column. */
  readonly symbol?: string;
  readonly columns?: ColumnMapping;
  readonly date_format?: string;
  readonly timezone?: string;
  readonly closes_only?: boolean;
  /** file: the most bytes the file may have (default in the schema); a caller's limit caps it. */
  readonly max_file_bytes?: number;
  /** file: the trading calendar the gap check expects. */
  readonly calendar?: CalendarKind;
  readonly symbols?: readonly string[];
  readonly start?: string;
  readonly end?: string;
  readonly interval?: ResampleInterval;
  readonly align?: AlignConfig;
  readonly quality?: QualityConfig;
  readonly [key: string]: unknown;
}

/** The `segments:` section (defs.schema.json#/$defs/segments): inclusive date ranges. */
export interface SegmentsSection {
  readonly train: DateRangeSpec;
  readonly valid?: DateRangeSpec;
  readonly test: DateRangeSpec;
}

export interface DateRangeSpec {
  readonly start: string | Date;
  readonly end: string | Date;
}
