import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { sql } from "kysely";
import type { TrackingStore } from "./open-store.js";
import {
  forgetPartitions,
  listPartitions,
  lockPartitions,
  nextMonth,
  partitionName,
} from "./prediction-partitions.js";

export interface PruneOptions {
  /** Keep this many days (default: the store's `retention.prediction_days`). */
  readonly days?: number;
  /** The present (epoch ms; default now). */
  readonly now?: number;
  /** SQLite: rows deleted per statement (the write lock is released in between). */
  readonly chunkRows?: number;
}

export interface PruneResult {
  /** Rows older than this (ISO) were removed. */
  readonly cutoff: string;
  /** Rows deleted one by one. */
  readonly deletedRows: number;
  /** PostgreSQL: months whose whole partition was dropped (`YYYY-MM`). */
  readonly droppedPartitions: readonly string[];
}

const DAY_MS = 86_400_000;

/**
 * Applies the retention policy to the prediction log: removes predictions
 * older than `days`. SQLite deletes them in chunks (other writers get the
 * lock between chunks); PostgreSQL drops each monthly partition that ends
 * at or before the cutoff — no row-by-row work — and deletes the older rows
 * of the cutoff's own month.
 */
export async function prunePredictions(
  store: TrackingStore,
  options: PruneOptions = {},
): Promise<PruneResult> {
  const days = options.days ?? store.config.retention.prediction_days;
  const cutoff = new Date((options.now ?? Date.now()) - days * DAY_MS).toISOString();
  if (store.dialect === "postgres") {
    const dropped = await dropOldPartitions(store, cutoff);
    const deleted = await store.db
      .deleteFrom("predictions")
      .where("time", "<", cutoff)
      .executeTakeFirst();
    return { cutoff, deletedRows: Number(deleted.numDeletedRows), droppedPartitions: dropped };
  }
  const chunk = Math.max(1, options.chunkRows ?? 10_000);
  let deletedRows = 0;
  for (;;) {
    // Old rows have the lowest ids: each chunk finds them at the start of the table.
    const result = await store.db
      .deleteFrom("predictions")
      .where(
        "id",
        "in",
        store.db.selectFrom("predictions").select("id").where("time", "<", cutoff).limit(chunk),
      )
      .executeTakeFirst();
    const n = Number(result.numDeletedRows);
    deletedRows += n;
    if (n < chunk) break;
    await yieldToEventLoop();
  }
  return { cutoff, deletedRows, droppedPartitions: [] };
}

/** Drops the partitions of months that end at or before `cutoff`, under the partition lock. */
async function dropOldPartitions(store: TrackingStore, cutoff: string): Promise<string[]> {
  const cutoffMonth = cutoff.slice(0, 7);
  const old = (await listPartitions(store.db)).filter((m) => nextMonth(m) <= cutoffMonth);
  if (old.length === 0) return [];
  await store.db.transaction().execute(async (trx) => {
    await lockPartitions(trx);
    for (const month of old)
      await sql`drop table if exists ${sql.id(partitionName(month))}`.execute(trx);
  });
  forgetPartitions(store, old);
  return old;
}
