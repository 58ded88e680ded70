import { sectionLocation, type SpecLocation } from "../../core/spec-location.js";
import { dataMessages } from "../../messages/data.js";
import { dataFileError } from "../data-file-error.js";
import type { CanonicalField, ColumnMapping } from "./table-to-bars.js";

/**
 * Which of a table's columns feed which bar field, decided from the header
 * alone so a lazy reader can select just those columns. Missing columns are
 * UserErrors that name the column and the columns the spec expects, never the
 * header's text (a data path may point at a file that is not data).
 */
export interface LongColumnPlan {
  readonly layout: "long";
  readonly timestamp: string;
  readonly close: string;
  /** Absent fields: open/high/low fall back to close, volume to 0. */
  readonly open?: string;
  readonly high?: string;
  readonly low?: string;
  readonly volume?: string;
  readonly adjClose?: string;
  readonly symbol?: string;
}

export interface WideColumnPlan {
  readonly layout: "wide_close";
  readonly timestamp: string;
  /** One close column per symbol; the column name is the symbol. */
  readonly symbols: readonly string[];
}

export type ColumnPlan = LongColumnPlan | WideColumnPlan;

const TIMESTAMP_CANDIDATES = ["timestamp", "date", "datetime", "time", "Date", "Datetime"];

/** The timestamp column: the mapping's, else the first usual name present. */
export function timestampColumnOf(header: readonly string[], mapping: ColumnMapping): string {
  const mapped = mapping.timestamp;
  if (mapped) return mapped;
  return TIMESTAMP_CANDIDATES.find((c) => header.includes(c)) ?? "timestamp";
}

export interface LongPlanOptions {
  readonly columns: ColumnMapping;
  /** Only close is required; open = high = low = close, volume 0 when absent. */
  readonly closesOnly: boolean;
  /** The data section's place in the spec (default: an experiment's `/data`). */
  readonly loc?: SpecLocation;
}

/** A long table (one row per bar, optional symbol column). */
export function planLongColumns(
  header: readonly string[],
  file: string,
  options: LongPlanOptions,
): LongColumnPlan {
  const { columns } = options;
  const sourceName = (field: CanonicalField): string | null =>
    columns[field] === undefined ? field : (columns[field] ?? null);
  const timestamp = timestampColumnOf(header, columns);
  const close = sourceName("close") ?? "close";
  const ohlcRequired = !options.closesOnly;
  const optional = (field: CanonicalField, required: boolean): string | undefined => {
    const name = sourceName(field);
    if (name === null) return undefined;
    if (!required && !header.includes(name) && columns[field] === undefined) return undefined;
    return name;
  };
  const plan: LongColumnPlan = {
    layout: "long",
    timestamp,
    close,
    ...defined("open", optional("open", ohlcRequired)),
    ...defined("high", optional("high", ohlcRequired)),
    ...defined("low", optional("low", ohlcRequired)),
    ...defined("volume", optional("volume", ohlcRequired)),
    ...defined("adjClose", optional("adj_close", false)),
    ...defined("symbol", optional("symbol", false)),
  };
  const wanted: [CanonicalField, string | undefined][] = [
    ["timestamp", plan.timestamp],
    ["close", plan.close],
    ["open", plan.open],
    ["high", plan.high],
    ["low", plan.low],
    ["volume", plan.volume],
    ["adj_close", plan.adjClose],
    ["symbol", plan.symbol],
  ];
  const expected = wanted.flatMap(([, name]) => (name === undefined ? [] : [name]));
  const loc = options.loc ?? sectionLocation("data");
  for (const [field, name] of wanted) {
    if (name !== undefined)
      requireColumn(header, file, field, name, expected, loc.at(`/columns/${field}`));
  }
  return plan;
}

export interface WidePlanOptions {
  readonly timestampColumn: string;
  /** Columns holding one symbol's closes each (default: every other column). */
  readonly symbols?: readonly string[];
  /** The data section's place in the spec (default: an experiment's `/data`). */
  readonly loc?: SpecLocation;
}

/** A wide closes-only table: a date column plus one close column per symbol. */
export function planWideColumns(
  header: readonly string[],
  file: string,
  options: WidePlanOptions,
): WideColumnPlan {
  const timestamp = options.timestampColumn;
  const expected = [timestamp, ...(options.symbols ?? [])];
  const loc = options.loc ?? sectionLocation("data");
  requireColumn(header, file, "timestamp", timestamp, expected, loc.at("/columns/timestamp"));
  const symbols = options.symbols ?? header.filter((name) => name !== timestamp);
  for (const s of symbols) requireColumn(header, file, s, s, expected, loc.at("/symbols"));
  return { layout: "wide_close", timestamp, symbols };
}

/** Every source column a plan reads, each once. */
export function plannedColumns(plan: ColumnPlan): string[] {
  const names =
    plan.layout === "wide_close"
      ? [plan.timestamp, ...plan.symbols]
      : [
          plan.timestamp,
          plan.close,
          plan.open,
          plan.high,
          plan.low,
          plan.volume,
          plan.adjClose,
          plan.symbol,
        ];
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}

function defined<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function requireColumn(
  header: readonly string[],
  file: string,
  field: string,
  name: string,
  expected: readonly string[],
  loc: SpecLocation,
): void {
  if (header.includes(name)) return;
  throw dataFileError(
    file,
    { line: 1 },
    loc,
    dataMessages.missingColumn(file, field, name, expected),
    dataMessages.missingColumnHint(sameNameLoosely(name, header), field),
  );
}

/**
 * A header cell that is the requested name up to case and punctuation
 * (`Close` for `close`, `Adj Close` for `adj_close`). Only such a cell is
 * suggested: it tells the user nothing about the file they did not type.
 */
function sameNameLoosely(name: string, header: readonly string[]): string | undefined {
  const key = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  const wanted = key(name);
  if (wanted === "") return undefined;
  return header.find((cell) => key(cell) === wanted);
}
