import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { POSITIONS_FILE, parsePositionsCsv } from "../backtest/allocation-files.js";
import { UserError } from "../core/errors.js";
import { storeMessages } from "../messages/store.js";
import { stageDir } from "../run/artifact-writer.js";
import { readRunRecord } from "../run/run-record.js";
import type { TrackingStore } from "./open-store.js";
import {
  deleteSource,
  insertTradingRows,
  type PerformanceRecord,
  type PositionRecord,
  type TradeRecord,
} from "./trading-records.js";
import { writeTransaction } from "./write-transaction.js";

export interface RecordedBacktest {
  /** The run id: the `source` of every row written. */
  readonly source: string;
  readonly trades: number;
  readonly positions: number;
  readonly performance: number;
}

/** One round trip of the strategy in trades.csv. */
interface Trip {
  readonly symbol: string;
  readonly size: number;
  readonly entryTime: string;
  readonly exitTime: string;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly commission: number;
  readonly open: boolean;
}

const TRADES_HEADER =
  "role,symbol,size,entry_time,exit_time,entry_price,exit_price,pnl,return_pct,commission,open";
const EQUITY_FILE = "equity.csv";
const TRADES_FILE = "trades.csv";

/**
 * Writes a complete run's backtest into the trading tables under
 * `source = <run id>`, from the files its backtest stage wrote:
 *
 * - trades: each round trip of the strategy (trades.csv) as its fills — the
 *   entry (buy for a long trip, sell for a short one) and, once closed, the
 *   exit; `order_id` is `trip-<n>` on both legs; the trip's commission (both
 *   legs) is on its exit fill (an open trip's on its entry);
 * - positions: each symbol's holding at every bar where it changed
 *   (positions.csv: units, value at the close), with the average entry price
 *   of the trips open then;
 * - performance: every bar's equity (equity.csv), cash and gross exposure
 *   (positions.csv) and drawdown (equity / running peak − 1).
 *
 * Recording again replaces the run's rows (one transaction). Runs without
 * positions.csv (futures / options backtests) get their trades only.
 */
export async function recordBacktest(
  store: TrackingStore,
  runDir: string,
): Promise<RecordedBacktest> {
  const record = readRunRecord(runDir);
  if (record === undefined) throw new UserError(storeMessages.notARun(basename(runDir)));
  if (record.status !== "complete")
    throw new UserError(storeMessages.runNotComplete(record.id, record.status));
  const folder = stageDir(runDir, "backtest");
  if (!existsSync(join(folder, EQUITY_FILE)))
    throw new UserError(storeMessages.noBacktest(record.id));
  const source = record.id;
  const trips = existsSync(join(folder, TRADES_FILE))
    ? parseTrips(readFileSync(join(folder, TRADES_FILE), "utf8"))
    : [];
  const trades = tradeRows(source, trips);
  let positions: PositionRecord[] = [];
  let performance: PerformanceRecord[] = [];
  if (existsSync(join(folder, POSITIONS_FILE))) {
    const book = parsePositionsCsv(readFileSync(join(folder, POSITIONS_FILE), "utf8"));
    const equity = parseEquity(readFileSync(join(folder, EQUITY_FILE), "utf8"));
    positions = positionRows(source, book, trips);
    performance = performanceRows(source, book, equity);
  }
  await writeTransaction(store, async (db) => {
    await deleteSource(db, source);
    await insertTradingRows(db, store, { trades, positions, performance });
  });
  return {
    source,
    trades: trades.length,
    positions: positions.length,
    performance: performance.length,
  };
}

function recordError(file: string, line: number, problem: string): UserError {
  return new UserError(storeMessages.badRecordFile(`stages/backtest/${file}`, line, problem));
}

function finite(text: string | undefined, file: string, line: number, what: string): number {
  const v = Number(text);
  if (text === undefined || text === "" || !Number.isFinite(v))
    throw recordError(file, line, `${what} ${JSON.stringify(text ?? "")} is not a number`);
  return v;
}

function isoTime(text: string | undefined, file: string, line: number): string {
  const t = Date.parse(text ?? "");
  if (!Number.isFinite(t))
    throw recordError(file, line, `time ${JSON.stringify(text ?? "")} is not a time`);
  return new Date(t).toISOString();
}

/** The strategy's round trips (trades.csv; a symbol may hold commas: the fixed columns are counted from both ends). */
function parseTrips(text: string): Trip[] {
  const lines = text.split("\n");
  if (lines[0]?.trim() !== TRADES_HEADER) throw recordError(TRADES_FILE, 1, "unexpected header");
  const trips: Trip[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const f = line.split(",");
    if (f.length < 11) throw recordError(TRADES_FILE, i + 1, "too few fields");
    if (f[0] !== "strategy") continue;
    const tail = f.slice(-9);
    const at = (k: number) => tail[k];
    trips.push({
      symbol: f.slice(1, f.length - 9).join(","),
      size: finite(at(0), TRADES_FILE, i + 1, "size"),
      entryTime: isoTime(at(1), TRADES_FILE, i + 1),
      exitTime: isoTime(at(2), TRADES_FILE, i + 1),
      entryPrice: finite(at(3), TRADES_FILE, i + 1, "entry_price"),
      exitPrice: finite(at(4), TRADES_FILE, i + 1, "exit_price"),
      commission: finite(at(7), TRADES_FILE, i + 1, "commission"),
      open: at(8) === "true",
    });
  }
  return trips;
}

function tradeRows(source: string, trips: readonly Trip[]): TradeRecord[] {
  const rows: TradeRecord[] = [];
  trips.forEach((trip, n) => {
    const order = `trip-${n + 1}`;
    const long = trip.size > 0;
    rows.push({
      source,
      order_id: order,
      time: trip.entryTime,
      symbol: trip.symbol,
      side: long ? "buy" : "sell",
      quantity: Math.abs(trip.size),
      price: trip.entryPrice,
      commission: trip.open ? trip.commission : 0,
    });
    if (!trip.open)
      rows.push({
        source,
        order_id: order,
        time: trip.exitTime,
        symbol: trip.symbol,
        side: long ? "sell" : "buy",
        quantity: Math.abs(trip.size),
        price: trip.exitPrice,
        commission: trip.commission,
      });
  });
  return rows.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

type Book = ReturnType<typeof parsePositionsCsv>;

/** Each symbol's holding where it changed (and at the first bar when held). */
function positionRows(source: string, book: Book, trips: readonly Trip[]): PositionRecord[] {
  const rows: PositionRecord[] = [];
  book.symbols.forEach((symbol, s) => {
    const quantity = book.quantity[s]!;
    const value = book.value[s]!;
    const own = trips.filter((t) => t.symbol === symbol);
    let previous = 0;
    for (let i = 0; i < book.times.length; i++) {
      const q = quantity[i]!;
      if (!Number.isFinite(q) || q === previous) continue;
      previous = q;
      const time = new Date(book.times[i]!).toISOString();
      rows.push({
        source,
        time,
        symbol,
        quantity: q,
        average_price: averageEntry(own, time, book.price[s]![i]!),
        market_value: Number.isFinite(value[i]!) ? value[i]! : 0,
      });
    }
  });
  return rows;
}

/** Size-weighted entry price of the trips open at `time` (entered at or before it, not yet exited); else the close. */
function averageEntry(trips: readonly Trip[], time: string, close: number): number {
  let units = 0;
  let cost = 0;
  for (const t of trips) {
    if (t.entryTime > time || (!t.open && t.exitTime <= time)) continue;
    units += t.size;
    cost += t.size * t.entryPrice;
  }
  if (units !== 0) return cost / units;
  return Number.isFinite(close) ? close : 0;
}

/** equity.csv: the strategy's equity at each time. */
function parseEquity(text: string): Map<string, number> {
  const lines = text.split("\n");
  const header = (lines[0] ?? "").trim().split(",");
  const column = header.indexOf("strategy_equity");
  if (header[0] !== "time" || column < 0) throw recordError(EQUITY_FILE, 1, "unexpected header");
  const out = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const f = line.split(",");
    out.set(isoTime(f[0], EQUITY_FILE, i + 1), finite(f[column], EQUITY_FILE, i + 1, "equity"));
  }
  return out;
}

function performanceRows(
  source: string,
  book: Book,
  equity: Map<string, number>,
): PerformanceRecord[] {
  const rows: PerformanceRecord[] = [];
  let peak = -Infinity;
  for (let i = 0; i < book.times.length; i++) {
    const time = new Date(book.times[i]!).toISOString();
    const e = equity.get(time);
    if (e === undefined) continue;
    peak = Math.max(peak, e);
    let gross = 0;
    for (let s = 0; s < book.symbols.length; s++) {
      const v = book.value[s]![i]!;
      if (Number.isFinite(v)) gross += Math.abs(v);
    }
    const cash = book.cash[i]!;
    rows.push({
      source,
      time,
      equity: e,
      cash: Number.isFinite(cash) ? cash : e - gross,
      exposure: e !== 0 ? gross / e : 0,
      drawdown: peak > 0 ? e / peak - 1 : 0,
    });
  }
  return rows;
}
