import { hash } from "node:crypto";
import { type Insertable, type Kysely, sql } from "kysely";
import type { StoreSpec } from "../spec/types.generated.js";
import { insertRows, rowsPerInsert } from "./batch-insert.js";
import type { TrackingStore } from "./open-store.js";
import {
  ensureMonthPartitions,
  forgetPartitions,
  isMissingPartition,
  monthOf,
} from "./prediction-partitions.js";
import { safeErrorCode, safeErrorText } from "./safe-error.js";
import type { PredictionsTable, StoreTables } from "./tables.js";
import { writeTransaction } from "./write-transaction.js";

/** One decision of the server, as the predict route hands it over (serialized when written). */
export interface PredictionRecord {
  /** When the decision was made (epoch ms). */
  readonly time: number;
  readonly model: string;
  readonly version: number;
  /** The alias the request named, or `version` when it named a version number (or neither). */
  readonly variant: string;
  /** The observation the decision was made from (its float64 bytes are digested). */
  readonly features: ArrayLike<number>;
  /** The decision (action, weights, targets…), stored as JSON. */
  readonly output: unknown;
  /** The risk overlay's events of this decision. */
  readonly riskEvents: readonly unknown[];
  readonly latencyMs: number;
}

/** Why rows were dropped: the buffer was full, or their batch failed twice. */
export type DropReason = "buffer_full" | "store_error";

export interface PredictionLogStats {
  readonly enabled: boolean;
  /** Rows written to the store. */
  readonly logged: number;
  /** Rows given up (never written): `droppedBufferFull + droppedStoreError`. */
  readonly dropped: number;
  readonly droppedBufferFull: number;
  readonly droppedStoreError: number;
  /** Rows waiting in the buffer (including a batch being written or waiting for its retry). */
  readonly buffered: number;
  /** Batch writes that failed (each batch is tried twice before it is dropped). */
  readonly failedFlushes: number;
  /** The last write failure (driver code and message, no paths or credentials), or null. */
  readonly lastError: string | null;
  /** The driver's code of the last failure (`ECONNREFUSED`, `57P01`, `SQLITE_BUSY`), or `error`; null before any. */
  readonly lastErrorCode: string | null;
  readonly lastErrorAt: string | null;
  /** Whether the last batch write succeeded (null before the first). */
  readonly lastFlushOk: boolean | null;
}

/** Hooks for counters kept elsewhere (Prometheus), called as rows are written or dropped. */
export interface PredictionLogEvents {
  logged?(rows: number): void;
  dropped?(rows: number, reason: DropReason): void;
}

export type PredictionLogLimits = StoreSpec["prediction_log"];

export interface PredictionLogOptions {
  /**
   * Where rows go: an open store, or a function that gives it (the server's
   * store, opened on first use; a rejection counts as a failed write).
   */
  readonly store: TrackingStore | (() => Promise<TrackingStore>);
  /** Default: the store's `prediction_log` configuration (required with a function). */
  readonly limits?: PredictionLogLimits;
  readonly events?: PredictionLogEvents;
}

interface Batch {
  readonly rows: PredictionRecord[];
  attempts: number;
}

/**
 * The server's prediction log: `append` puts a decision in a bounded
 * in-memory buffer (synchronous, O(1), never throws, never waits); rows are
 * written to `predictions` in batches of `batch_rows` — one transaction per
 * batch, multi-row inserts within the engine's parameter limit — as soon as
 * a batch is full and at least every `flush_ms` (an unref'd timer). When the
 * buffer holds `buffer_rows` rows new ones are dropped and counted; a batch
 * whose write fails stays buffered and is retried once at the next tick,
 * then dropped and counted. Memory is bounded by `buffer_rows` whatever the
 * store does. `close()` writes what is left (drain on shutdown).
 */
export class PredictionLog {
  private readonly limits: PredictionLogLimits;
  private readonly queue: Batch[] = [];
  private head = 0;
  private current: PredictionRecord[] = [];
  private buffered = 0;
  private logged = 0;
  private droppedBufferFull = 0;
  private droppedStoreError = 0;
  private failedFlushes = 0;
  private lastError: string | null = null;
  private lastErrorCode: string | null = null;
  private lastErrorAt: string | null = null;
  private lastFlushOk: boolean | null = null;
  /** After a failed write: no new attempt before the next tick (or an explicit flush). */
  private backoff = false;
  private running: Promise<void> | null = null;
  private scheduled = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout | undefined;

  private readonly store: () => Promise<TrackingStore>;
  private readonly events: PredictionLogEvents;

  constructor(options: PredictionLogOptions) {
    const { store } = options;
    this.store = typeof store === "function" ? store : () => Promise.resolve(store);
    const limits =
      options.limits ?? (typeof store === "function" ? undefined : store.config.prediction_log);
    if (limits === undefined)
      throw new TypeError("PredictionLog: limits are required with a store getter");
    this.limits = limits;
    this.events = options.events ?? {};
    if (limits.enabled) {
      this.timer = setInterval(() => this.tick(), limits.flush_ms);
      this.timer.unref();
    }
  }

  /** Queues one decision for the store; drops (and counts) it when the buffer is full. */
  append(record: PredictionRecord): void {
    try {
      if (!this.limits.enabled) return;
      if (this.closed || this.buffered >= this.limits.buffer_rows) {
        this.drop(1, "buffer_full");
        return;
      }
      this.current.push(record);
      this.buffered++;
      if (this.current.length >= this.limits.batch_rows) {
        this.seal();
        this.schedule();
      }
    } catch {
      // Logging never fails a prediction: whatever went wrong here costs this row only.
      this.droppedBufferFull++;
    }
  }

  stats(): PredictionLogStats {
    return {
      enabled: this.limits.enabled,
      logged: this.logged,
      dropped: this.droppedBufferFull + this.droppedStoreError,
      droppedBufferFull: this.droppedBufferFull,
      droppedStoreError: this.droppedStoreError,
      buffered: this.buffered,
      failedFlushes: this.failedFlushes,
      lastError: this.lastError,
      lastErrorCode: this.lastErrorCode,
      lastErrorAt: this.lastErrorAt,
      lastFlushOk: this.lastFlushOk,
    };
  }

  /**
   * Writes every buffered row now (a batch that failed before gets its
   * second attempt). Resolves when the buffer is empty or a write failed
   * (then the rows wait for the next tick; see `stats()`). Never rejects.
   */
  async flush(): Promise<void> {
    if (this.running) await this.running;
    this.backoff = false;
    this.seal();
    await this.drain();
  }

  /** Stops the timer and drains: each remaining batch gets its attempts; what still fails is dropped. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.closed = true;
    for (let round = 0; round < 2 && this.buffered > 0; round++) await this.flush();
    if (this.running) await this.running;
    this.seal();
    while (this.head < this.queue.length) {
      const batch = this.queue[this.head++]!;
      this.buffered -= batch.rows.length;
      this.drop(batch.rows.length, "store_error");
    }
    this.compact();
  }

  private tick(): void {
    this.backoff = false;
    this.seal();
    this.schedule();
  }

  /** Moves the open batch into the queue. */
  private seal(): void {
    if (this.current.length === 0) return;
    this.queue.push({ rows: this.current, attempts: 0 });
    this.current = [];
  }

  private schedule(): void {
    if (this.scheduled || this.running || this.backoff) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private drain(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.writeQueued().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async writeQueued(): Promise<void> {
    while (this.head < this.queue.length && !this.backoff) {
      const batch = this.queue[this.head]!;
      batch.attempts++;
      try {
        await writePredictions(await this.store(), batch.rows);
        this.head++;
        this.buffered -= batch.rows.length;
        this.logged += batch.rows.length;
        this.lastFlushOk = true;
        this.notify(() => this.events.logged?.(batch.rows.length));
      } catch (error) {
        this.failedFlushes++;
        this.lastFlushOk = false;
        this.lastError = safeErrorText(error);
        this.lastErrorCode = safeErrorCode(error);
        this.lastErrorAt = new Date().toISOString();
        this.backoff = true;
        if (batch.attempts >= 2) {
          this.head++;
          this.buffered -= batch.rows.length;
          this.drop(batch.rows.length, "store_error");
        }
      }
      this.compact();
    }
  }

  private drop(rows: number, reason: DropReason): void {
    if (reason === "buffer_full") this.droppedBufferFull += rows;
    else this.droppedStoreError += rows;
    this.notify(() => this.events.dropped?.(rows, reason));
  }

  private notify(call: () => void): void {
    try {
      call();
    } catch {
      // A counter hook that throws must not stop the log.
    }
  }

  /** Drops written batches from the front of the queue once they are a good share of it. */
  private compact(): void {
    if (this.head > 64 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    } else if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
  }
}

/** The columns a prediction row writes (the row id is the database's). */
const PREDICTION_COLUMNS = [
  "time",
  "model",
  "version",
  "variant",
  "features_digest",
  "features",
  "output",
  "risk_events",
  "latency_ms",
] as const;

/** A decision as its `predictions` row: ISO time, sha256 of the float64 features, JSON text. */
export function predictionRow(record: PredictionRecord): Insertable<PredictionsTable> {
  const given = record.features;
  const features = given instanceof Float64Array ? given : Float64Array.from(given);
  const time = Number.isFinite(record.time) ? record.time : Date.now();
  return {
    time: new Date(time).toISOString(),
    model: record.model,
    version: record.version,
    variant: record.variant,
    features_digest: hash(
      "sha256",
      new Uint8Array(features.buffer, features.byteOffset, features.byteLength),
      "hex",
    ),
    features: numbersJson(features),
    output: JSON.stringify(record.output ?? null),
    risk_events: JSON.stringify(record.riskEvents),
    latency_ms: Number.isFinite(record.latencyMs) ? record.latencyMs : 0,
  };
}

/**
 * A vector as JSON text, as JSON.stringify writes it (non-finite values as
 * null) but about five times faster: the hot part of writing the log.
 */
export function numbersJson(values: Float64Array): string {
  for (const v of values) if (!Number.isFinite(v)) return JSON.stringify(Array.from(values));
  return `[${values.join(",")}]`;
}

/**
 * Writes decisions to `predictions` in one transaction: multi-row inserts
 * within the engine's parameter limit; on PostgreSQL the months' partitions
 * are created first (and once more if another process dropped one meanwhile).
 */
export async function writePredictions(
  store: TrackingStore,
  records: readonly PredictionRecord[],
): Promise<void> {
  if (records.length === 0) return;
  if (store.dialect === "sqlite") return writeSqlitePredictions(store, records);
  const rows = records.map(predictionRow);
  const months = new Set(rows.map((r) => monthOf(r.time)));
  const insert = async () => {
    await ensureMonthPartitions(store, months);
    await writeTransaction(store, (trx) => insertUnnested(trx, rows));
  };
  try {
    await insert();
  } catch (error) {
    if (!isMissingPartition(error)) throw error;
    forgetPartitions(store, [...months]);
    await insert();
  }
}

/**
 * Rows per SQLite insert: better-sqlite3 runs each statement synchronously on
 * the server's event loop, so a batch is written in slices this small (about
 * 1–2 ms each, rows serialized per slice) with the event loop free between
 * them — a 1,000-row flush never holds a prediction for tens of milliseconds.
 */
const SQLITE_ROWS_PER_SLICE = 100;

async function writeSqlitePredictions(
  store: TrackingStore,
  records: readonly PredictionRecord[],
): Promise<void> {
  const size = rowsPerInsert("sqlite", PREDICTION_COLUMNS.length, SQLITE_ROWS_PER_SLICE);
  await writeTransaction(store, async (trx) => {
    for (let i = 0; i < records.length; i += size) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const rows = records.slice(i, i + size).map(predictionRow);
      await insertRows(trx, "sqlite", "predictions", PREDICTION_COLUMNS, rows);
    }
  });
}

/**
 * PostgreSQL: the batch as nine array parameters expanded by `unnest` — one
 * statement whatever the batch size (no parameter limit), and faster than a
 * multi-row insert because the server parses nine values, not nine per row.
 */
async function insertUnnested(
  db: Kysely<StoreTables>,
  rows: readonly Insertable<PredictionsTable>[],
): Promise<void> {
  const column = <K extends keyof Insertable<PredictionsTable>>(key: K) => rows.map((r) => r[key]);
  await sql`
    insert into predictions (time, model, version, variant, features_digest, features, output, risk_events, latency_ms)
    select * from unnest(
      ${column("time")}::text[], ${column("model")}::text[], ${column("version")}::integer[],
      ${column("variant")}::text[], ${column("features_digest")}::text[], ${column("features")}::text[],
      ${column("output")}::text[], ${column("risk_events")}::text[], ${column("latency_ms")}::double precision[])`.execute(
    db,
  );
}
