import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateStore, migrationStatus } from "../../runtime/store/migrate.js";
import { STORE_MIGRATIONS } from "../../runtime/store/migrations/index.js";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { createStudy } from "../../runtime/store/studies.js";
import { addTrial, getTrial, startTrial } from "../../runtime/store/trials.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";
import { userError } from "../support/user-error.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-store-history-"));
let postgres: PostgresInstance;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

const NAMES = STORE_MIGRATIONS.map(([name]) => name);
let databases = 0;

const engines = [
  ["SQLite", async () => `sqlite:db${++databases}.db`],
  ["PostgreSQL", async () => postgres.createDatabase(`history_${++databases}`)],
] as const;

const open = (url: string, migrate = true) =>
  openStore({ config: resolveStoreConfig({ url }), baseDir: root, env: {}, migrate });

/** Tables and their columns (name, type, nullability), as the database reports them. */
async function schemaOf(store: TrackingStore): Promise<Record<string, string[]>> {
  const partitions =
    store.dialect === "postgres"
      ? new Set(
          (
            await sql<{
              name: string;
            }>`select relname as name from pg_class where relispartition`.execute(store.db)
          ).rows.map((r) => r.name),
        )
      : new Set<string>();
  const tables = await store.db.introspection.getTables();
  return Object.fromEntries(
    tables
      .filter((t) => !partitions.has(t.name))
      .map((t) => [
        t.name,
        t.columns.map((c) => `${c.name} ${c.dataType}${c.isNullable ? "" : " not null"}`).sort(),
      ])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

/** Rows written while the database was at an old migration (only into tables that existed then). */
async function writeOldRows(store: TrackingStore, migratedTo: string): Promise<void> {
  await store.db
    .insertInto("experiments")
    .values({ name: "old", created_at: "2025-01-01T00:00:00.000Z", description: "kept" })
    .execute();
  await store.db
    .insertInto("runs")
    .values({
      id: "run-old",
      experiment: "old",
      kind: "experiment",
      status: "completed",
      spec_hash: "s1",
      data_hash: "d1",
      code_version: "0.0.1",
      seed: 7,
      started_at: "2025-01-01T00:00:00.000Z",
      ended_at: "2025-01-01T00:01:00.000Z",
      run_dir: "old/run-old",
      updated_at: "2025-01-01T00:01:00.000Z",
    })
    .execute();
  await store.db
    .insertInto("run_metrics")
    .values({ run_id: "run-old", key: "sharpe", value: 1.25 })
    .execute();
  await store.db
    .insertInto("run_params")
    .values({ run_id: "run-old", key: "seed", value: "7", number: 7 })
    .execute();
  await store.db
    .insertInto("run_tags")
    .values({ run_id: "run-old", key: "note", value: "before the upgrade" })
    .execute();
  if (NAMES.indexOf(migratedTo) < NAMES.indexOf("0002-studies")) return;
  await createStudy(store, { id: "old-study", direction: "maximize", objective: "sharpe" });
  await addTrial(store, "old-study", {
    params: { lr: 0.001 },
    outcome: { state: "complete", value: 0.75 },
    intermediate: [{ step: 0, value: 0.5 }],
    worker: "w-old",
  });
}

async function expectOldRows(store: TrackingStore, migratedTo: string): Promise<void> {
  expect(await store.db.selectFrom("runs").select(["id", "seed", "run_dir"]).execute()).toEqual([
    { id: "run-old", seed: 7, run_dir: "old/run-old" },
  ]);
  expect(await store.db.selectFrom("run_metrics").selectAll().execute()).toEqual([
    { run_id: "run-old", key: "sharpe", value: 1.25 },
  ]);
  expect(await store.db.selectFrom("run_params").selectAll().execute()).toEqual([
    { run_id: "run-old", key: "seed", value: "7", number: 7 },
  ]);
  expect((await store.db.selectFrom("run_tags").selectAll().execute()).length).toBe(1);
  expect(
    (await store.db.selectFrom("experiments").selectAll().execute()).map((e) => e.description),
  ).toEqual(["kept"]);
  if (NAMES.indexOf(migratedTo) < NAMES.indexOf("0002-studies")) return;
  expect(await getTrial(store, "old-study", 0)).toMatchObject({
    params: { lr: 0.001 },
    state: "complete",
    value: 0.75,
    worker: "w-old",
    intermediate: [{ step: 0, value: 0.5 }],
  });
  // The upgraded store keeps numbering the old study's trials.
  expect((await startTrial(store, "old-study", { params: { lr: 0.002 } })).number).toBe(1);
}

describe.each(engines)("the migration history on %s", (_engine, makeUrl) => {
  it("an old database (at each earlier migration) upgrades on open: later migrations applied, old rows intact, schema as a new store's", async () => {
    const fresh = await open(await makeUrl());
    const freshSchema = await schemaOf(fresh);
    await fresh.close();
    expect(Object.keys(freshSchema)).toEqual(
      expect.arrayContaining(["runs", "studies", "trials", "trial_values"]),
    );

    for (const migratedTo of NAMES.slice(0, -1)) {
      const url = await makeUrl();
      const old = await open(url, false);
      expect(await migrateStore(old, migratedTo)).toEqual(
        NAMES.slice(0, NAMES.indexOf(migratedTo) + 1),
      );
      const pending = (await migrationStatus(old))
        .filter((m) => m.appliedAt === null)
        .map((m) => m.name);
      expect(pending).toEqual(NAMES.slice(NAMES.indexOf(migratedTo) + 1));
      await writeOldRows(old, migratedTo);
      await old.close();

      const upgraded = await open(url);
      try {
        expect((await migrationStatus(upgraded)).every((m) => m.appliedAt !== null)).toBe(true);
        await expectOldRows(upgraded, migratedTo);
        expect(await schemaOf(upgraded)).toEqual(freshSchema);
      } finally {
        await upgraded.close();
      }
    }
  }, 180_000);

  it("refuses a database a newer version migrated, naming it and the unknown migration", async () => {
    const url = await makeUrl();
    const store = await open(url);
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', ${new Date().toISOString()})`.execute(
      store.db,
    );
    const display = store.display;
    await store.close();
    const error = await userError(open(url));
    expect(error.message).toContain(display);
    expect(error.message).toContain("9999-from-the-future");
    expect(error.message).toMatch(/newer DRL Workbench/);
    expect(error.message).not.toContain(root);
    // Without migrating, the status is refused the same way.
    const unmigrated = await open(url, false);
    try {
      expect((await userError(migrationStatus(unmigrated))).message).toContain(
        "9999-from-the-future",
      );
    } finally {
      await unmigrated.close();
    }
  });
});
