/**
 * The allocation files of a backtest stage folder, one row per bar and
 * symbol plus a `cash` row per bar (long format, ready for
 * `pandas.read_csv(...).pivot(index="time", columns="symbol")`):
 *
 * - `weights.csv`  `time,symbol,target,actual`: the strategy's target weight
 *   decided at the bar (before the risk overlay; executed at the next open
 *   with `fill: next_open`) and the weight actually held at the bar's close
 *   (quantity · close / equity). The cash row's target is 1 − Σ targets, its
 *   actual weight cash / equity.
 * - `positions.csv` `time,symbol,price,quantity,value,pnl`: the close, the
 *   units held, their value at the close and the symbol's cumulative P&L
 *   (fills, costs and borrow of that symbol plus the marked position); the
 *   cash row has the cash balance as quantity and value, and no price or P&L.
 *
 * Times are ISO-8601 UTC, as in equity.csv. The writers and the parsers
 * live together so the format is defined once.
 */
import type { BarRange } from "../contracts/panel.js";
import type { ArtifactWriter } from "../core/stage.js";
import type { BacktestOutcome, BacktestReport } from "./outcome.js";

export const WEIGHTS_FILE = "weights.csv";
export const POSITIONS_FILE = "positions.csv";
/** The symbol column of the cash rows. */
export const CASH_ROW = "cash";

const WEIGHTS_HEADER = "time,symbol,target,actual";
const POSITIONS_HEADER = "time,symbol,price,quantity,value,pnl";

/** A number with ten significant digits; "" for NaN or ±Infinity. */
function num(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(10))) : "";
}

/** A symbol as a CSV field (quoted when it holds a comma or a quote). */
export function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** True when the report has a position series per symbol (what the files are written from). */
export function hasPositionSeries(report: BacktestReport, symbols: readonly string[]): boolean {
  return report.positions.length === symbols.length && report.symbolPnl.length === symbols.length;
}

/**
 * weights.csv of a backtested curve: `targets[s][t]` are the strategy's
 * target weights on panel bars, `closes[s][t]` the panel's closes; `range`
 * is the backtest's segment (report bar i = panel bar range.start + i).
 */
export function weightsCsv(
  report: BacktestReport,
  symbols: readonly string[],
  targets: readonly Float64Array[],
  closes: readonly Float64Array[],
  range: BarRange,
): string {
  const lines = [WEIGHTS_HEADER];
  for (let i = 0; i < report.timestamps.length; i++) {
    const t = range.start + i;
    const time = new Date(report.timestamps[i]!).toISOString();
    const equity = report.equity[i]!;
    let targetSum = 0;
    for (let s = 0; s < symbols.length; s++) {
      const w = targets[s]?.[t] ?? Number.NaN;
      const target = Number.isNaN(w) ? 0 : w;
      targetSum += target;
      const actual = (report.positions[s]![i]! * closes[s]![t]!) / equity;
      lines.push(`${time},${csvField(symbols[s]!)},${num(target)},${num(actual)}`);
    }
    lines.push(`${time},${CASH_ROW},${num(1 - targetSum)},${num(report.cash[i]! / equity)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** positions.csv of a backtested curve (bars as in `weightsCsv`). */
export function positionsCsv(
  report: BacktestReport,
  symbols: readonly string[],
  closes: readonly Float64Array[],
  range: BarRange,
): string {
  const lines = [POSITIONS_HEADER];
  for (let i = 0; i < report.timestamps.length; i++) {
    const t = range.start + i;
    const time = new Date(report.timestamps[i]!).toISOString();
    for (let s = 0; s < symbols.length; s++) {
      const price = closes[s]![t]!;
      const quantity = report.positions[s]![i]!;
      lines.push(
        `${time},${csvField(symbols[s]!)},${num(price)},${num(quantity)},${num(quantity * price)},${num(report.symbolPnl[s]![i]!)}`,
      );
    }
    const cash = num(report.cash[i]!);
    lines.push(`${time},${CASH_ROW},,${cash},${cash},`);
  }
  return `${lines.join("\n")}\n`;
}

/** weights.csv parsed: per symbol (in file order) and for cash, one value per bar. */
export interface WeightsTable {
  readonly symbols: readonly string[];
  readonly times: Float64Array;
  readonly target: readonly Float64Array[];
  readonly actual: readonly Float64Array[];
  readonly targetCash: Float64Array;
  readonly actualCash: Float64Array;
}

/** positions.csv parsed: per symbol (in file order) and the cash balance, one value per bar. */
export interface PositionsTable {
  readonly symbols: readonly string[];
  readonly times: Float64Array;
  readonly price: readonly Float64Array[];
  readonly quantity: readonly Float64Array[];
  readonly value: readonly Float64Array[];
  readonly pnl: readonly Float64Array[];
  readonly cash: Float64Array;
}

/** Splits one CSV line (quoted fields allowed). */
export function splitLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let text = "";
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else text += line[i++];
      }
      out.push(text);
      i++; // the comma
    } else {
      const next = line.indexOf(",", i);
      const end = next < 0 ? line.length : next;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

const value = (text: string | undefined): number =>
  text === undefined || text === "" ? Number.NaN : Number(text);

/**
 * Rows of a long-format allocation file grouped by symbol: the symbols in
 * first-seen order (without cash), the bar times, and per column the values
 * per symbol and the cash row's.
 */
function parseLong(
  text: string,
  header: string,
  columns: readonly number[],
): { symbols: string[]; times: Float64Array; bySymbol: Float64Array[][]; cash: Float64Array[] } {
  const lines = text.split("\n").filter((l) => l.length > 0);
  if (lines[0]?.trim() !== header) throw new Error(`expected the header "${header}"`);
  const times: number[] = [];
  const symbols: string[] = [];
  const index = new Map<string, number>();
  const rows = lines.slice(1).map(splitLine);
  for (const row of rows) {
    const time = Date.parse(row[0] ?? "");
    if (times[times.length - 1] !== time) times.push(time);
    const symbol = row[1] ?? "";
    if (symbol !== CASH_ROW && !index.has(symbol)) {
      index.set(symbol, symbols.length);
      symbols.push(symbol);
    }
  }
  const n = times.length;
  const bySymbol = columns.map(() => symbols.map(() => new Float64Array(n).fill(Number.NaN)));
  const cash = columns.map(() => new Float64Array(n).fill(Number.NaN));
  let bar = -1;
  let last = Number.NaN;
  for (const row of rows) {
    const time = Date.parse(row[0] ?? "");
    if (time !== last) {
      bar++;
      last = time;
    }
    const symbol = row[1] ?? "";
    const s = symbol === CASH_ROW ? -1 : index.get(symbol)!;
    columns.forEach((column, c) => {
      const target = s < 0 ? cash[c]! : bySymbol[c]![s]!;
      target[bar] = value(row[column]);
    });
  }
  return { symbols, times: Float64Array.from(times), bySymbol, cash };
}

export function parseWeightsCsv(text: string): WeightsTable {
  const { symbols, times, bySymbol, cash } = parseLong(text, WEIGHTS_HEADER, [2, 3]);
  return {
    symbols,
    times,
    target: bySymbol[0]!,
    actual: bySymbol[1]!,
    targetCash: cash[0]!,
    actualCash: cash[1]!,
  };
}

export function parsePositionsCsv(text: string): PositionsTable {
  const { symbols, times, bySymbol, cash } = parseLong(text, POSITIONS_HEADER, [2, 3, 4, 5]);
  return {
    symbols,
    times,
    price: bySymbol[0]!,
    quantity: bySymbol[1]!,
    value: bySymbol[2]!,
    pnl: bySymbol[3]!,
    cash: cash[2]!,
  };
}

/**
 * Writes weights.csv and positions.csv of the strategy into the backtest
 * stage folder (atomically, through the stage's artifact writer). Skipped for
 * instrument backtests (futures / options hold contracts, not weights) and
 * for results without per-symbol series.
 */
export function writeAllocationFiles(
  artifacts: Pick<ArtifactWriter, "writeText">,
  outcome: BacktestOutcome,
  targets: readonly Float64Array[],
  closes: readonly Float64Array[],
): void {
  const report = outcome.strategy;
  if (outcome.derivatives || !hasPositionSeries(report, outcome.symbols)) return;
  artifacts.writeText(
    WEIGHTS_FILE,
    weightsCsv(report, outcome.symbols, targets, closes, outcome.range),
  );
  artifacts.writeText(POSITIONS_FILE, positionsCsv(report, outcome.symbols, closes, outcome.range));
}
