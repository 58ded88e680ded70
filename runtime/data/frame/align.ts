import { specError } from "../../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../../core/spec-location.js";
import { dataMessages } from "../../messages/data.js";
import type { OhlcvPanel } from "../../contracts/panel.js";
import type { BarColumns } from "./bar-columns.js";

export interface AlignOptions {
  readonly calendar: string;
  readonly fill: "none" | "ffill";
  readonly limit?: number;
  /** The align section's place in the spec (default: an experiment's `/data/align`). */
  readonly loc?: SpecLocation;
}

/** What alignment did, recorded in dataset.json: nothing is filled silently. */
export interface AlignmentReport {
  readonly calendar: string;
  readonly fill: "none" | "ffill";
  readonly limit: number | null;
  readonly bars: number;
  /** Per symbol: calendar bars the symbol has no data for (before filling). */
  readonly missing: Readonly<Record<string, number>>;
  /** Per symbol: bars filled by ffill. */
  readonly filled: Readonly<Record<string, number>>;
  /** Per symbol: the symbol's bars dropped because they are not on the calendar. */
  readonly dropped: Readonly<Record<string, number>>;
}

/**
 * Puts clean long bars (sorted by symbol then timestamp, unique) on one
 * calendar and builds the typed OhlcvPanel. `union` keeps every timestamp of
 * any symbol, `intersection` only those all symbols share, a symbol name that
 * symbol's timestamps. Missing bars are NaN unless `fill: ffill` carries the
 * previous bar's close into open/high/low/close (volume 0), at most `limit`
 * bars in a row; leading gaps (before a symbol's first bar) stay NaN.
 */
export function alignToPanel(
  bars: BarColumns,
  symbols: readonly string[],
  options: AlignOptions,
): { panel: OhlcvPanel; report: AlignmentReport } {
  const ranges = symbolRanges(bars, symbols);
  const calendarLoc = (options.loc ?? sectionLocation("data").at("/align")).at("/calendar");
  const timestamps = calendarOf(bars, symbols, ranges, options.calendar, calendarLoc);
  const T = timestamps.length;
  const fields = ["open", "high", "low", "close", "volume"] as const;
  const out = Object.fromEntries(
    fields.map((f) => [f, symbols.map(() => new Float64Array(T).fill(Number.NaN))]),
  ) as Record<(typeof fields)[number], Float64Array[]>;
  const missing: Record<string, number> = {};
  const filled: Record<string, number> = {};
  const dropped: Record<string, number> = {};
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  symbols.forEach((sym, s) => {
    const [from, to] = ranges[s]!;
    const present = new Uint8Array(T);
    let t = 0;
    let drop = 0;
    for (let i = from; i < to; i++) {
      const ts = bars.timestamp[i]!;
      while (t < T && timestamps[t]! < ts) t++;
      if (t < T && timestamps[t] === ts) {
        for (const f of fields) out[f][s]![t] = bars[f][i]!;
        present[t] = 1;
      } else drop++;
    }
    let miss = 0;
    let fills = 0;
    let run = 0;
    let seen = false;
    for (let k = 0; k < T; k++) {
      if (present[k]) {
        seen = true;
        run = 0;
        continue;
      }
      miss++;
      if (options.fill === "ffill" && seen && run < limit) {
        const prev = out.close[s]![k - 1]!;
        if (!Number.isNaN(prev)) {
          out.open[s]![k] = prev;
          out.high[s]![k] = prev;
          out.low[s]![k] = prev;
          out.close[s]![k] = prev;
          out.volume[s]![k] = 0;
          fills++;
        }
      }
      run++;
    }
    missing[sym] = miss;
    filled[sym] = fills;
    dropped[sym] = drop;
  });
  return {
    panel: { timestamps, symbols: [...symbols], ...out },
    report: {
      calendar: options.calendar,
      fill: options.fill,
      limit: options.limit ?? null,
      bars: T,
      missing,
      filled,
      dropped,
    },
  };
}

/** [start, end) row range of each symbol in bars sorted by symbol. */
function symbolRanges(bars: BarColumns, symbols: readonly string[]): [number, number][] {
  const where = new Map<string, [number, number]>();
  const n = bars.timestamp.length;
  let i = 0;
  while (i < n) {
    const sym = bars.symbol[i]!;
    let j = i + 1;
    while (j < n && bars.symbol[j] === sym) j++;
    where.set(sym, [i, j]);
    i = j;
  }
  return symbols.map((s) => where.get(s) ?? [0, 0]);
}

function calendarOf(
  bars: BarColumns,
  symbols: readonly string[],
  ranges: [number, number][],
  calendar: string,
  loc: SpecLocation,
): Float64Array {
  const stamps = (s: number): Float64Array => bars.timestamp.subarray(ranges[s]![0], ranges[s]![1]);
  if (calendar === "union") {
    if (symbols.length === 1) return Float64Array.from(stamps(0));
    return Float64Array.from(new Set(bars.timestamp)).sort();
  }
  if (calendar === "intersection") {
    let common = new Set(stamps(0));
    for (let s = 1; s < symbols.length; s++) {
      const next = new Set(stamps(s));
      common = new Set([...common].filter((t) => next.has(t)));
    }
    if (common.size === 0) throw specError(loc, dataMessages.alignEmpty());
    return Float64Array.from(common).sort();
  }
  const s = symbols.indexOf(calendar);
  if (s < 0) {
    throw specError(loc, dataMessages.alignCalendarSymbol(calendar, symbols));
  }
  return Float64Array.from(stamps(s));
}
