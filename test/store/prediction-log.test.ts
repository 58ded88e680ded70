/**
 * The prediction log (runtime/store/prediction-log.ts) on SQLite and
 * PostgreSQL: rows are buffered and written in batches; a full buffer drops
 * and counts; a store that fails keeps memory bounded (one retry, then the
 * batch is dropped and counted); PostgreSQL creates monthly partitions as
 * rows arrive (across a month boundary, by concurrent writers) and the
 * retention policy drops whole old partitions.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import {
  numbersJson,
  PredictionLog,
  type PredictionRecord,
  predictionRow,
  writePredictions,
} from "../../runtime/store/prediction-log.js";
import { listPartitions } from "../../runtime/store/prediction-partitions.js";
import { prunePredictions } from "../../runtime/store/retention.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-prediction-log-"));
let postgres: PostgresInstance;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

const limits = (
  over: Partial<{ buffer_rows: number; batch_rows: number; flush_ms: number }> = {},
) => ({
  enabled: true,
  buffer_rows: 1000,
  batch_rows: 10,
  flush_ms: 60_000,
  ...over,
});

const decision = (i: number, time = Date.UTC(2026, 11, 3, 12) + i): PredictionRecord => ({
  time,
  model: "spy-ppo",
  version: 3,
  variant: i % 2 === 0 ? "champion" : "challenger",
  features: [i, 0.5, -1.25],
  output: { action: i % 3, weights: [0.25 * (i % 4)] },
  riskEvents: i % 5 === 0 ? [{ rule: "stop_loss", bar: i }] : [],
  latencyMs: 0.5,
});

async function count(store: TrackingStore): Promise<number> {
  const row = await store.db
    .selectFrom("predictions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

let databases = 0;
const engines: readonly [string, () => Promise<TrackingStore>][] = [
  [
    "sqlite",
    () =>
      openStore({
        config: resolveStoreConfig({ url: `sqlite:log-${databases++}.db` }),
        baseDir: root,
        env: {},
      }),
  ],
  [
    "postgres",
    async () =>
      openStore({
        config: resolveStoreConfig({ url: await postgres.createDatabase(`log_${databases++}`) }),
        baseDir: root,
        env: {},
      }),
  ],
];

describe.each(engines)("the prediction log on %s", (_engine, open) => {
  it("writes full batches without waiting for the timer, the rest on flush, with every column", async () => {
    const store = await open();
    const batches: number[] = [];
    const log = new PredictionLog({
      store,
      limits: limits(),
      events: { logged: (n) => batches.push(n) },
    });
    for (let i = 0; i < 25; i++) log.append(decision(i));
    expect(log.stats().buffered).toBe(25);
    // Two full batches go by themselves (setImmediate), the last 5 wait for the timer or a flush.
    await expect.poll(() => log.stats().logged, { timeout: 10_000 }).toBe(20);
    expect(batches).toEqual([10, 10]);
    expect(log.stats().buffered).toBe(5);
    await log.flush();
    expect(log.stats()).toMatchObject({ logged: 25, buffered: 0, dropped: 0, failedFlushes: 0 });
    expect(await count(store)).toBe(25);
    const row = await store.db
      .selectFrom("predictions")
      .selectAll()
      .where("features", "=", JSON.stringify([5, 0.5, -1.25]))
      .executeTakeFirstOrThrow();
    const expected = predictionRow(decision(5));
    expect(row).toMatchObject({ ...expected, version: 3 });
    expect(row.time).toBe(new Date(Date.UTC(2026, 11, 3, 12) + 5).toISOString());
    expect(row.features_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(row.risk_events)).toEqual([{ rule: "stop_loss", bar: 5 }]);
    await log.close();
    await store.close();
  });

  it("flushes on the timer (flush_ms) without a full batch", async () => {
    const store = await open();
    const log = new PredictionLog({ store, limits: limits({ batch_rows: 1000, flush_ms: 50 }) });
    log.append(decision(1));
    log.append(decision(2));
    await expect.poll(() => log.stats().logged, { timeout: 10_000 }).toBe(2);
    expect(await count(store)).toBe(2);
    await log.close();
    await store.close();
  });

  it("drops and counts rows beyond buffer_rows; append never throws or waits", async () => {
    const store = await open();
    const dropped: [number, string][] = [];
    const log = new PredictionLog({
      store,
      limits: limits({ buffer_rows: 30, batch_rows: 1000 }),
      events: { dropped: (n, reason) => dropped.push([n, reason]) },
    });
    for (let i = 0; i < 100; i++) expect(log.append(decision(i))).toBeUndefined();
    expect(log.stats()).toMatchObject({ buffered: 30, dropped: 70, droppedBufferFull: 70 });
    expect(dropped.every(([n, reason]) => n === 1 && reason === "buffer_full")).toBe(true);
    await log.close();
    expect(await count(store)).toBe(30);
    expect(log.stats()).toMatchObject({ logged: 30, buffered: 0, dropped: 70 });
    await store.close();
  });

  it("a store that fails: memory stays bounded, each batch is retried once then dropped and counted", async () => {
    const store = await open();
    const log = new PredictionLog({
      store: () =>
        Promise.reject(
          Object.assign(new Error(`cannot open ${root}/secret.db`), { code: "SQLITE_CANTOPEN" }),
        ),
      limits: limits({ buffer_rows: 50, batch_rows: 10 }),
    });
    for (let i = 0; i < 80; i++) log.append(decision(i));
    expect(log.stats().buffered).toBeLessThanOrEqual(50);
    await log.flush(); // first attempt of the first batch fails: it stays for its retry
    expect(log.stats()).toMatchObject({ failedFlushes: 1, lastErrorCode: "SQLITE_CANTOPEN" });
    expect(log.stats().lastError).not.toContain(root);
    await log.flush(); // its second attempt fails: dropped
    expect(log.stats().droppedStoreError).toBe(10);
    await log.close();
    const stats = log.stats();
    expect(stats.logged).toBe(0);
    expect(stats.buffered).toBe(0);
    expect(stats.dropped).toBe(80);
    expect(stats.droppedBufferFull).toBe(30);
    await store.close();
  });

  it("a batch that failed once is written by its retry when the store is back", async () => {
    const store = await open();
    let down = true;
    const log = new PredictionLog({
      store: () => (down ? Promise.reject(new Error("down")) : Promise.resolve(store)),
      limits: limits(),
    });
    for (let i = 0; i < 10; i++) log.append(decision(i));
    await log.flush();
    expect(log.stats()).toMatchObject({ failedFlushes: 1, buffered: 10, logged: 0 });
    down = false;
    await log.flush();
    expect(log.stats()).toMatchObject({ failedFlushes: 1, buffered: 0, logged: 10, dropped: 0 });
    expect(await count(store)).toBe(10);
    await log.close();
    await store.close();
  });

  it("writes batches larger than one statement's parameter limit", async () => {
    const store = await open();
    const rows = Array.from({ length: 9000 }, (_, i) => decision(i));
    await writePredictions(store, rows);
    expect(await count(store)).toBe(9000);
    await store.close();
  });

  it("prunes predictions older than the retention", async () => {
    const store = await open();
    const now = Date.UTC(2026, 11, 15);
    const day = 86_400_000;
    // 2026-09-20 … 2026-12-14: one row a day.
    await writePredictions(
      store,
      Array.from({ length: 86 }, (_, i) => decision(i, now - (86 - i) * day)),
    );
    const result = await prunePredictions(store, { days: 30, now, chunkRows: 7 });
    const left = await store.db.selectFrom("predictions").select("time").orderBy("time").execute();
    expect(left.length).toBe(30);
    expect(left[0]!.time >= result.cutoff).toBe(true);
    expect(result.cutoff).toBe(new Date(now - 30 * day).toISOString());
    if (store.dialect === "postgres") {
      // Cutoff 2026-11-15: September and October are dropped whole, November is deleted row by row.
      expect(result.droppedPartitions).toEqual(["2026-09", "2026-10"]);
      expect(result.deletedRows).toBe(14);
      expect(await listPartitions(store.db)).toEqual(["2026-11", "2026-12"]);
    } else {
      expect(result.deletedRows).toBe(56);
    }
    await store.close();
  });
});

describe("a prediction row", () => {
  it("writes features exactly as JSON.stringify does (non-finite as null) and digests their float64 bytes", () => {
    const values = [1e21, -0, 0.1, 1 / 3, 5e-324, -1.5e-7, 123456789.125];
    expect(numbersJson(Float64Array.from(values))).toBe(JSON.stringify(values));
    expect(numbersJson(Float64Array.from([1, Number.NaN, Number.POSITIVE_INFINITY]))).toBe(
      "[1,null,null]",
    );
    const row = predictionRow(decision(1));
    expect(row.features_digest).toBe(
      createHash("sha256")
        .update(new Uint8Array(Float64Array.from([1, 0.5, -1.25]).buffer))
        .digest("hex"),
    );
    expect(predictionRow({ ...decision(1), features: Float64Array.from([1, 0.5, -1.25]) })).toEqual(
      row,
    );
  });
});

describe("monthly partitions on PostgreSQL", () => {
  it("creates each month's partition on demand, across a month (and year) boundary", async () => {
    const store = await engines[1]![1]();
    const log = new PredictionLog({ store, limits: limits({ batch_rows: 100 }) });
    const boundary = Date.UTC(2027, 0, 1);
    for (let i = -5; i < 5; i++) log.append(decision(i + 5, boundary + i * 1000));
    await log.flush();
    expect(log.stats()).toMatchObject({ logged: 10, dropped: 0 });
    expect(await listPartitions(store.db)).toEqual(["2026-12", "2027-01"]);
    const perPartition = await sql<{ table: string; n: string }>`
      select tableoid::regclass::text as table, count(*) as n from predictions group by 1 order by 1`.execute(
      store.db,
    );
    expect(perPartition.rows.map((r) => [r.table, Number(r.n)])).toEqual([
      ["predictions_2026_12", 5],
      ["predictions_2027_01", 5],
    ]);
    await log.close();
    await store.close();
  });

  it("two stores creating the same months at once both succeed", async () => {
    const url = await postgres.createDatabase("log_concurrent");
    const config = resolveStoreConfig({ url });
    const a = await openStore({ config, baseDir: root, env: {} });
    const b = await openStore({ config, baseDir: root, env: {} });
    const months = [0, 1, 2, 3].map((m) => Date.UTC(2025, m, 10));
    await Promise.all([
      ...months.map((t, i) => writePredictions(a, [decision(i, t)])),
      ...months.map((t, i) => writePredictions(b, [decision(i, t)])),
    ]);
    expect(await listPartitions(a.db)).toEqual(["2025-01", "2025-02", "2025-03", "2025-04"]);
    expect(await count(a)).toBe(8);
    // A partition dropped by another process's retention is created again on the next write.
    await prunePredictions(b, { days: 1, now: Date.UTC(2025, 6, 1) });
    expect(await listPartitions(a.db)).toEqual([]);
    await writePredictions(a, [decision(9, Date.UTC(2025, 0, 11))]);
    expect(await listPartitions(a.db)).toEqual(["2025-01"]);
    await a.close();
    await b.close();
  });
});
