/**
 * `stages/report/prices.csv`: the bars of the run's panel the report draws
 * (the price chart, the regimes and correlations, the risk report's closes),
 * written by the report stage so `drlwb report <run>` rebuilds the report
 * from the run folder. Long format, one row per bar and symbol:
 * `bar,time,symbol,open,high,low,close,volume` — `bar` is the bar's index in
 * the run's panel (the data stage's segments index it), numbers at full
 * precision (JavaScript's shortest round-trip form), "" for a missing value.
 */
import type { BarRange, OhlcvPanel, Segments } from "../../contracts/panel.js";
import { csvField, splitLine } from "../../backtest/allocation-files.js";

export const PRICES_FILE = "prices.csv";
const HEADER = "bar,time,symbol,open,high,low,close,volume";

const num = (v: number | undefined): string =>
  v === undefined || Number.isNaN(v) ? "" : String(v);

/** The bars the report reads: the backtested range and the test segment (regimes, correlations). */
export function reportBarSpan(
  panel: Pick<OhlcvPanel, "timestamps">,
  range?: BarRange,
  segments?: Segments,
): BarRange {
  const spans = [range, segments?.test].filter((r): r is BarRange => r !== undefined);
  if (spans.length === 0) return { start: 0, end: panel.timestamps.length };
  return {
    start: Math.min(...spans.map((r) => r.start)),
    end: Math.max(...spans.map((r) => r.end)),
  };
}

/** prices.csv of the panel's bars in `span`. */
export function pricesCsv(panel: OhlcvPanel, span: BarRange): string {
  const lines = [HEADER];
  const symbols = panel.symbols.map(csvField);
  for (let t = span.start; t < span.end; t++) {
    const time = new Date(panel.timestamps[t]!).toISOString();
    panel.symbols.forEach((_, s) => {
      lines.push(
        [
          t,
          time,
          symbols[s],
          num(panel.open[s]?.[t]),
          num(panel.high[s]?.[t]),
          num(panel.low[s]?.[t]),
          num(panel.close[s]?.[t]),
          num(panel.volume[s]?.[t]),
        ].join(","),
      );
    });
  }
  return `${lines.join("\n")}\n`;
}

/** The bars of a prices.csv as a panel, and the panel bar index of its first bar. */
export interface PriceBars {
  readonly panel: OhlcvPanel;
  /** Panel bar index of `panel`'s first bar (the data stage's segments are offset by it). */
  readonly firstBar: number;
}

const value = (text: string | undefined): number =>
  text === undefined || text === "" ? Number.NaN : Number(text);

export function parsePricesCsv(text: string): PriceBars {
  const lines = text.split("\n").filter((l) => l.length > 0);
  if (lines[0]?.trim() !== HEADER) throw new Error(`expected the header "${HEADER}"`);
  const rows = lines.slice(1).map(splitLine);
  const symbols: string[] = [];
  const index = new Map<string, number>();
  const times: number[] = [];
  let lastBar = Number.NaN;
  for (const row of rows) {
    const bar = Number(row[0]);
    if (bar !== lastBar) {
      times.push(Date.parse(row[1] ?? ""));
      lastBar = bar;
    }
    const symbol = row[2] ?? "";
    if (!index.has(symbol)) {
      index.set(symbol, symbols.length);
      symbols.push(symbol);
    }
  }
  const n = times.length;
  const columns = () => symbols.map(() => new Float64Array(n).fill(Number.NaN));
  const [open, high, low, close, volume] = [columns(), columns(), columns(), columns(), columns()];
  const firstBar = rows.length ? Number(rows[0]![0]) : 0;
  for (const row of rows) {
    const t = Number(row[0]) - firstBar;
    const s = index.get(row[2] ?? "")!;
    open[s]![t] = value(row[3]);
    high[s]![t] = value(row[4]);
    low[s]![t] = value(row[5]);
    close[s]![t] = value(row[6]);
    volume[s]![t] = value(row[7]);
  }
  return {
    panel: { timestamps: Float64Array.from(times), symbols, open, high, low, close, volume },
    firstBar,
  };
}
