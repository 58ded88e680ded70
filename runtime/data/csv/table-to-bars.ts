import { sectionLocation, type SpecLocation } from "../../core/spec-location.js";
import { dataMessages } from "../../messages/data.js";
import { dataFileError } from "../data-file-error.js";
import type { BarColumns } from "../frame/bar-columns.js";
import {
  type ColumnPlan,
  type LongColumnPlan,
  planLongColumns,
  planWideColumns,
  timestampColumnOf,
  type WideColumnPlan,
} from "./column-plan.js";
import { createTimestampReader, createWallClockConverter, type DateParser } from "./date-parser.js";
import { type CollectedTable, collectPlan, type TableScan } from "./table-scan.js";

/** Canonical column → the source table's column name (`null`: the source has none). */
export type ColumnMapping = Partial<Record<CanonicalField, string | null>>;
export type CanonicalField =
  | "timestamp"
  | "symbol"
  | "open"
  | "high"
  | "low"
  | "close"
  | "volume"
  | "adj_close";

/** Bars plus the source line of each row (for error and quality messages). */
export interface SourcedBars {
  readonly bars: BarColumns;
  readonly lines: Int32Array;
  /** The file as the user named it. */
  readonly file: string;
  /**
   * The UTC offset (minutes east; NaN: none) each row's timestamp text was
   * written with, present only when the rows do not all agree; the timestamps
   * themselves are already UTC. The mixed_offsets quality check reads it.
   */
  readonly utcOffsets?: Float64Array;
}

/** How a table's rows become bars. */
export interface TableReadOptions {
  /** `long`: one row per bar; `wide_close`: a date column plus one close column per symbol. */
  readonly layout: "long" | "wide_close";
  readonly columns: ColumnMapping;
  /** wide_close: the symbol columns (default: every column but the timestamp). */
  readonly symbols?: readonly string[];
  /** long: symbol of every row when the table has no symbol column. */
  readonly symbol: string;
  /** long: only close is required; open = high = low = close, volume 0 when absent. */
  readonly closesOnly: boolean;
  /** iso | epoch_ms | epoch_s | a strftime pattern. */
  readonly dateFormat: string;
  /** IANA zone of timestamps written without an offset. */
  readonly timezone: string;
  /** A parser replacing date_format (bundled data with its own time encoding). */
  readonly customDate?: { readonly parse: DateParser; readonly label: string };
  /** The data section's place in the spec (default: an experiment's `/data`). */
  readonly loc?: SpecLocation;
}

/**
 * Reads a scanned table into bars: plans the columns from the header, reads
 * only those, parses the timestamps. Every error names the file and, for a
 * bad cell, its line and column, never the cell's text.
 */
export async function readTableBars(
  scan: TableScan,
  options: TableReadOptions,
): Promise<SourcedBars> {
  const loc = options.loc ?? sectionLocation("data");
  const plan: ColumnPlan =
    options.layout === "wide_close"
      ? planWideColumns(scan.header, scan.file, {
          timestampColumn: timestampColumnOf(scan.header, options.columns),
          ...(options.symbols ? { symbols: options.symbols } : {}),
          loc,
        })
      : planLongColumns(scan.header, scan.file, { ...options, loc });
  const textColumns = plan.layout === "long" && plan.symbol ? [plan.symbol] : [];
  const table = await collectPlan(scan, plan, textColumns);
  const times = timestampsOf(table, options, loc);
  return plan.layout === "long"
    ? longBars(table, plan, times, options.symbol)
    : wideBars(table, plan, times);
}

interface ParsedTimes {
  readonly values: Float64Array;
  readonly utcOffsets?: Float64Array;
}

function timestampsOf(
  table: CollectedTable,
  options: TableReadOptions,
  loc: SpecLocation,
): ParsedTimes {
  const ts = table.timestamp;
  if (ts.kind === "epoch_ms") {
    if (!ts.naive || options.timezone === "UTC") return { values: ts.values };
    return { values: wallClockToUtc(ts.values, options.timezone) };
  }
  const reader = options.customDate
    ? { parse: options.customDate.parse, lastOffset: () => Number.NaN }
    : createTimestampReader(options.dateFormat, options.timezone);
  const label =
    options.customDate?.label ??
    (options.dateFormat === "iso" ? "YYYY-MM-DD[ HH:MM:SS]" : options.dateFormat);
  const values = new Float64Array(table.height);
  const offsets = options.dateFormat === "iso" ? new Float64Array(table.height) : undefined;
  let mixed = false;
  ts.forEach((text, row) => {
    const ms = reader.parse(text);
    if (Number.isNaN(ms)) {
      const line = table.lines[row]!;
      throw dataFileError(
        table.file,
        { line },
        loc.at("/date_format"),
        dataMessages.badDate(table.file, line, ts.column, label),
      );
    }
    values[row] = ms;
    if (offsets) {
      const offset = reader.lastOffset();
      offsets[row] = offset;
      if (!mixed && row > 0 && !sameOffset(offset, offsets[0]!)) mixed = true;
    }
  });
  return mixed && offsets ? { values, utcOffsets: offsets } : { values };
}

/** Equal offsets, NaN (none written) equal to NaN. */
export function sameOffset(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function wallClockToUtc(values: Float64Array, timezone: string): Float64Array {
  const toUtc = createWallClockConverter(timezone);
  return Float64Array.from(values, (ms) => {
    if (Number.isNaN(ms)) return ms;
    const d = new Date(ms);
    return toUtc({
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      ms: d.getUTCMilliseconds(),
    });
  });
}

function longBars(
  table: CollectedTable,
  plan: LongColumnPlan,
  times: ParsedTimes,
  defaultSymbol: string,
): SourcedBars {
  const n = table.height;
  const close = table.number(plan.close);
  const orClose = (column: string | undefined): Float64Array =>
    column === undefined ? Float64Array.from(close) : table.number(column);
  const adjClose = plan.adjClose === undefined ? undefined : table.number(plan.adjClose);
  const bars: BarColumns = {
    timestamp: times.values,
    symbol: plan.symbol === undefined ? new Array(n).fill(defaultSymbol) : table.text(plan.symbol),
    open: orClose(plan.open),
    high: orClose(plan.high),
    low: orClose(plan.low),
    close,
    volume: plan.volume === undefined ? new Float64Array(n) : table.number(plan.volume),
    ...(adjClose ? { adjClose } : {}),
  };
  return {
    bars,
    lines: table.lines,
    file: table.file,
    ...(times.utcOffsets ? { utcOffsets: times.utcOffsets } : {}),
  };
}

/** Wide closes → long bars in file order (time-major), open = high = low = close, volume 0. */
function wideBars(table: CollectedTable, plan: WideColumnPlan, times: ParsedTimes): SourcedBars {
  const rowsIn = table.height;
  const k = plan.symbols.length;
  const n = rowsIn * k;
  const timestamp = new Float64Array(n);
  const close = new Float64Array(n);
  const symbol: string[] = new Array(n);
  const lines = new Int32Array(n);
  const offsets = times.utcOffsets ? new Float64Array(n) : undefined;
  const columns = plan.symbols.map((s) => table.number(s));
  for (let r = 0; r < rowsIn; r++) {
    for (let s = 0; s < k; s++) {
      const at = r * k + s;
      timestamp[at] = times.values[r]!;
      close[at] = columns[s]![r]!;
      symbol[at] = plan.symbols[s]!;
      lines[at] = table.lines[r]!;
      if (offsets) offsets[at] = times.utcOffsets![r]!;
    }
  }
  const bars: BarColumns = {
    timestamp,
    symbol,
    open: Float64Array.from(close),
    high: Float64Array.from(close),
    low: Float64Array.from(close),
    close,
    volume: new Float64Array(n),
  };
  return { bars, lines, file: table.file, ...(offsets ? { utcOffsets: offsets } : {}) };
}
