import { type Kysely, sql } from "kysely";
import type { TrackingStore } from "./open-store.js";
import type { StoreTables } from "./tables.js";

/**
 * The prediction log's monthly partitions on PostgreSQL (migrations/0003:
 * `predictions` is range-partitioned on its ISO `time` text). A month
 * `YYYY-MM` holds the rows with `'YYYY-MM' <= time < 'YYYY-MM+1'`, in a table
 * named `predictions_YYYY_MM`. Creators and the retention policy serialize
 * on one advisory lock, so two servers creating the same month, or a prune
 * dropping one while it is created, cannot collide.
 */

/** Key of the advisory lock every partition change takes (any fixed 64-bit number). */
const PARTITION_LOCK = 0x44524c5750; // "DRLWP"

const MONTH = /^(\d{4})-(\d{2})$/;
const PARTITION_NAME = /^predictions_(\d{4})_(\d{2})$/;

/** `2026-12-03T19:23:49.000Z` → `2026-12`. */
export function monthOf(isoTime: string): string {
  return isoTime.slice(0, 7);
}

/** `2026-12` → `2027-01`. */
export function nextMonth(month: string): string {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const year = Number(m[1]);
  const index = Number(m[2]);
  return index === 12 ? `${pad(year + 1, 4)}-01` : `${m[1]}-${pad(index + 1, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

export function partitionName(month: string): string {
  if (!MONTH.test(month)) throw new RangeError(`not a month: ${month}`);
  return `predictions_${month.replace("-", "_")}`;
}

/** `predictions_2026_12` → `2026-12`; undefined for any other table. */
export function partitionMonth(table: string): string | undefined {
  const m = PARTITION_NAME.exec(table);
  return m ? `${m[1]}-${m[2]}` : undefined;
}

/** Months whose partition this process knows exists, per store (cleared when retention drops one). */
const known = new WeakMap<TrackingStore, Set<string>>();

function knownMonths(store: TrackingStore): Set<string> {
  let months = known.get(store);
  if (months === undefined) {
    months = new Set();
    known.set(store, months);
  }
  return months;
}

/** Forgets what this process knows about a store's partitions (after an insert found one missing). */
export function forgetPartitions(store: TrackingStore, months?: readonly string[]): void {
  const set = knownMonths(store);
  if (months === undefined) set.clear();
  else for (const m of months) set.delete(m);
}

/**
 * Creates the partitions of `months` that this process has not seen yet
 * (`create table if not exists … partition of predictions`), under the
 * partition lock. A no-op on SQLite.
 */
export async function ensureMonthPartitions(
  store: TrackingStore,
  months: Iterable<string>,
): Promise<void> {
  if (store.dialect !== "postgres") return;
  const cache = knownMonths(store);
  const missing = [...new Set(months)].filter((m) => !cache.has(m));
  if (missing.length === 0) return;
  await store.db.transaction().execute(async (trx) => {
    await lockPartitions(trx);
    for (const month of missing) {
      const bounds = sql`for values from (${sql.lit(month)}) to (${sql.lit(nextMonth(month))})`;
      await sql`create table if not exists ${sql.id(partitionName(month))} partition of predictions ${bounds}`.execute(
        trx,
      );
    }
  });
  for (const m of missing) cache.add(m);
}

/** Takes the partition lock for the rest of the transaction. */
export async function lockPartitions(trx: Kysely<StoreTables>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(PARTITION_LOCK)})`.execute(trx);
}

/** The monthly partitions of `predictions` that exist, oldest first. */
export async function listPartitions(db: Kysely<StoreTables>): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select c.relname as name
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    where i.inhparent = to_regclass('predictions')`.execute(db);
  return rows.rows
    .map((r) => partitionMonth(r.name))
    .filter((m): m is string => m !== undefined)
    .sort();
}

/** True when PostgreSQL found no partition for a row (23514: "no partition of relation … found for row"). */
export function isMissingPartition(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    error.code === "23514" &&
    error instanceof Error &&
    /partition/i.test(error.message)
  );
}
