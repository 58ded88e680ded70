import type { Insertable, Selectable } from "kysely";
import { chunks, insertRows, rowsPerInsert } from "./batch-insert.js";
import type { TrackingStore } from "./open-store.js";
import type {
  OrdersTable,
  PerformanceTable,
  PositionsTable,
  StoreTables,
  TradesTable,
} from "./tables.js";
import { writeTransaction } from "./write-transaction.js";

/**
 * Orders, fills (trades), positions and performance snapshots of a paper or
 * live session — or of a backtest, when asked (runtime/store/record-backtest.ts)
 * — each row under a `source` (the session or run id). Writes are batch
 * inserts, one transaction per call; positions and performance are keyed by
 * (source, time[, symbol]), so writing a snapshot again replaces it. Reads
 * take a source and a time range (`from` inclusive, `to` exclusive, ISO).
 */

export type OrderRecord = Omit<Insertable<OrdersTable>, "id">;
export type TradeRecord = Omit<Insertable<TradesTable>, "id">;
export type PositionRecord = Insertable<PositionsTable>;
export type PerformanceRecord = Insertable<PerformanceTable>;

const ORDER_COLUMNS = [
  "source",
  "order_id",
  "time",
  "symbol",
  "side",
  "type",
  "quantity",
  "limit_price",
  "stop_price",
  "status",
] as const;
const TRADE_COLUMNS = [
  "source",
  "order_id",
  "time",
  "symbol",
  "side",
  "quantity",
  "price",
  "commission",
] as const;
const POSITION_COLUMNS = [
  "source",
  "time",
  "symbol",
  "quantity",
  "average_price",
  "market_value",
] as const;
const PERFORMANCE_COLUMNS = ["source", "time", "equity", "cash", "exposure", "drawdown"] as const;

type Writer = Parameters<Parameters<typeof writeTransaction>[1]>[0];

async function insertAll<T extends keyof StoreTables & string>(
  db: Writer,
  store: TrackingStore,
  table: T,
  columns: readonly (keyof StoreTables[T] & string)[],
  rows: readonly Readonly<Record<string, unknown>>[],
): Promise<void> {
  for (const chunk of chunks(rows, rowsPerInsert(store.dialect, columns.length, 1000)))
    await insertRows(db, store.dialect, table, columns, chunk);
}

/** The last row of each key (a statement may not update one row twice). */
function lastPerKey<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const k = key(row);
    byKey.delete(k);
    byKey.set(k, row);
  }
  return [...byKey.values()];
}

/** Inserts snapshots; a (source, time[, symbol]) that exists is overwritten (`on conflict … do update`). */
async function upsertPositions(db: Writer, store: TrackingStore, given: readonly PositionRecord[]) {
  const rows = lastPerKey(given, (r) => `${r.source}\0${r.time}\0${r.symbol}`);
  for (const chunk of chunks(rows, rowsPerInsert(store.dialect, POSITION_COLUMNS.length, 1000)))
    await db
      .insertInto("positions")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["source", "time", "symbol"]).doUpdateSet((eb) => ({
          quantity: eb.ref("excluded.quantity"),
          average_price: eb.ref("excluded.average_price"),
          market_value: eb.ref("excluded.market_value"),
        })),
      )
      .execute();
}

async function upsertPerformance(
  db: Writer,
  store: TrackingStore,
  given: readonly PerformanceRecord[],
) {
  const rows = lastPerKey(given, (r) => `${r.source}\0${r.time}`);
  for (const chunk of chunks(rows, rowsPerInsert(store.dialect, PERFORMANCE_COLUMNS.length, 1000)))
    await db
      .insertInto("performance")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["source", "time"]).doUpdateSet((eb) => ({
          equity: eb.ref("excluded.equity"),
          cash: eb.ref("excluded.cash"),
          exposure: eb.ref("excluded.exposure"),
          drawdown: eb.ref("excluded.drawdown"),
        })),
      )
      .execute();
}

export async function writeOrders(
  store: TrackingStore,
  rows: readonly OrderRecord[],
): Promise<void> {
  if (rows.length === 0) return;
  await writeTransaction(store, (db) => insertAll(db, store, "orders", ORDER_COLUMNS, rows));
}

export async function writeTrades(
  store: TrackingStore,
  rows: readonly TradeRecord[],
): Promise<void> {
  if (rows.length === 0) return;
  await writeTransaction(store, (db) => insertAll(db, store, "trades", TRADE_COLUMNS, rows));
}

/** Position snapshots; a (source, time, symbol) written again replaces the earlier row. */
export async function writePositions(
  store: TrackingStore,
  rows: readonly PositionRecord[],
): Promise<void> {
  if (rows.length === 0) return;
  await writeTransaction(store, (db) => upsertPositions(db, store, rows));
}

/** Performance snapshots; a (source, time) written again replaces the earlier row. */
export async function writePerformance(
  store: TrackingStore,
  rows: readonly PerformanceRecord[],
): Promise<void> {
  if (rows.length === 0) return;
  await writeTransaction(store, (db) => upsertPerformance(db, store, rows));
}

export interface SourceRange {
  readonly source: string;
  /** ISO time, inclusive. */
  readonly from?: string;
  /** ISO time, exclusive. */
  readonly to?: string;
  /** Oldest first, at most this many (default 100,000). */
  readonly limit?: number;
}

const DEFAULT_LIMIT = 100_000;

export async function readOrders(
  store: TrackingStore,
  range: SourceRange,
): Promise<Selectable<OrdersTable>[]> {
  let q = store.db.selectFrom("orders").selectAll().where("source", "=", range.source);
  if (range.from !== undefined) q = q.where("time", ">=", range.from);
  if (range.to !== undefined) q = q.where("time", "<", range.to);
  return q
    .orderBy("time")
    .orderBy("id")
    .limit(range.limit ?? DEFAULT_LIMIT)
    .execute();
}

export async function readTrades(
  store: TrackingStore,
  range: SourceRange,
): Promise<Selectable<TradesTable>[]> {
  let q = store.db.selectFrom("trades").selectAll().where("source", "=", range.source);
  if (range.from !== undefined) q = q.where("time", ">=", range.from);
  if (range.to !== undefined) q = q.where("time", "<", range.to);
  return q
    .orderBy("time")
    .orderBy("id")
    .limit(range.limit ?? DEFAULT_LIMIT)
    .execute();
}

export async function readPositions(
  store: TrackingStore,
  range: SourceRange & { readonly symbol?: string },
): Promise<Selectable<PositionsTable>[]> {
  let q = store.db.selectFrom("positions").selectAll().where("source", "=", range.source);
  if (range.symbol !== undefined) q = q.where("symbol", "=", range.symbol);
  if (range.from !== undefined) q = q.where("time", ">=", range.from);
  if (range.to !== undefined) q = q.where("time", "<", range.to);
  return q
    .orderBy("time")
    .orderBy("symbol")
    .limit(range.limit ?? DEFAULT_LIMIT)
    .execute();
}

export async function readPerformance(
  store: TrackingStore,
  range: SourceRange,
): Promise<Selectable<PerformanceTable>[]> {
  let q = store.db.selectFrom("performance").selectAll().where("source", "=", range.source);
  if (range.from !== undefined) q = q.where("time", ">=", range.from);
  if (range.to !== undefined) q = q.where("time", "<", range.to);
  return q
    .orderBy("time")
    .limit(range.limit ?? DEFAULT_LIMIT)
    .execute();
}

/** Inserts trades, positions and performance rows within `db`'s transaction (no upsert: the caller cleared them). */
export async function insertTradingRows(
  db: Writer,
  store: TrackingStore,
  rows: {
    readonly trades?: readonly TradeRecord[];
    readonly positions?: readonly PositionRecord[];
    readonly performance?: readonly PerformanceRecord[];
  },
): Promise<void> {
  await insertAll(db, store, "trades", TRADE_COLUMNS, rows.trades ?? []);
  await insertAll(db, store, "positions", POSITION_COLUMNS, rows.positions ?? []);
  await insertAll(db, store, "performance", PERFORMANCE_COLUMNS, rows.performance ?? []);
}

/** Removes every order, trade, position and performance row of `source` (within `db`'s transaction). */
export async function deleteSource(db: Writer, source: string): Promise<void> {
  for (const table of ["orders", "trades", "positions", "performance"] as const)
    await db.deleteFrom(table).where("source", "=", source).execute();
}
