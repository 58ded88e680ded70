/**
 * A `file` benchmark: a CSV of prices or returns (a date column and a value
 * column) read like a closes-only data file, turned into a level series, and
 * aligned to the backtest's bars as of each bar's time (the file's last row
 * at or before it: no look-ahead).
 */
import { isAbsolute, resolve } from "node:path";
import { specError } from "../../core/spec-error.js";
import type { SpecLocation } from "../../core/spec-location.js";
import { scanCsvTable } from "../../data/csv/csv-scan.js";
import { readTableBars } from "../../data/csv/table-to-bars.js";
import { assertDataFileReadable } from "../../data/file-size-limit.js";
import { benchmarkMessages } from "../../messages/benchmark.js";
import type { BenchmarkFile } from "../../spec/types.generated.js";

/** A file benchmark's levels (compounded for returns) at the file's times. */
export interface BenchmarkFileSeries {
  /** The file as the spec names it. */
  readonly file: string;
  /** Epoch ms UTC, strictly increasing. */
  readonly times: Float64Array;
  /** Positive levels; only ratios of them matter. */
  readonly levels: Float64Array;
}

export interface BenchmarkFileOptions {
  /** Folder a relative `path` resolves against (the spec's folder; default the working directory). */
  readonly baseDir?: string;
  /** Most bytes the file may have (a server's data file limit). */
  readonly maxFileBytes?: number;
  /** The benchmark section's place in the spec. */
  readonly loc: SpecLocation;
}

/** Reads a `file` benchmark's CSV into levels; problems are spec errors naming the file and line. */
export async function loadBenchmarkFile(
  section: BenchmarkFile,
  options: BenchmarkFileOptions,
): Promise<BenchmarkFileSeries> {
  const { loc } = options;
  const file = section.path;
  const path = isAbsolute(file) ? file : resolve(options.baseDir ?? ".", file);
  assertDataFileReadable(
    path,
    file,
    options.maxFileBytes ?? Number.MAX_SAFE_INTEGER,
    loc.at("/path"),
  );
  const sourced = await readTableBars(scanCsvTable(path, file, loc), {
    layout: "long",
    columns: { close: section.column },
    symbol: "benchmark",
    closesOnly: true,
    dateFormat: "iso",
    timezone: "UTC",
    loc,
  });
  const { timestamp, close } = sourced.bars;
  const n = timestamp.length;
  if (n === 0) throw specError(loc.at("/path"), benchmarkMessages.fileTooShort(file));
  const levels = new Float64Array(n);
  let level = 1;
  for (let i = 0; i < n; i++) {
    const line = sourced.lines[i] ?? i + 2;
    if (i > 0 && !(timestamp[i]! > timestamp[i - 1]!))
      throw specError(loc.at("/path"), benchmarkMessages.fileNotIncreasing(file, line));
    const v = close[i]!;
    if (section.values === "price") {
      if (!(Number.isFinite(v) && v > 0))
        throw specError(loc.at("/column"), benchmarkMessages.fileBadValue(file, line, "price"));
      levels[i] = v;
    } else {
      if (!(Number.isFinite(v) && v > -1))
        throw specError(loc.at("/column"), benchmarkMessages.fileBadValue(file, line, "return"));
      level *= 1 + v;
      levels[i] = level;
    }
  }
  return { file, times: Float64Array.from(timestamp), levels };
}

/**
 * The benchmark's equity at each of `timestamps` (the segment's bars):
 * `cash` × level(as of t) / level(as of the first bar). The file must have a
 * row at or before the first bar.
 */
export function benchmarkFileEquity(
  series: BenchmarkFileSeries,
  timestamps: Float64Array,
  cash: number,
  loc: SpecLocation,
): Float64Array {
  const { times, levels } = series;
  const out = new Float64Array(timestamps.length);
  let k = -1;
  let base = Number.NaN;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i]!;
    while (k + 1 < times.length && times[k + 1]! <= t) k++;
    if (k < 0) {
      throw specError(
        loc.at("/path"),
        benchmarkMessages.fileStartsLate(
          series.file,
          new Date(times[0]!).toISOString().slice(0, 10),
          new Date(t).toISOString().slice(0, 10),
        ),
        benchmarkMessages.fileStartsLateHint(),
      );
    }
    if (i === 0) base = levels[k]!;
    out[i] = (cash * levels[k]!) / base;
  }
  return out;
}
