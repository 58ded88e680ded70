import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUserError } from "../../runtime/core/errors.js";
import { migrationStatus } from "../../runtime/store/migrate.js";
import { STORE_MIGRATIONS } from "../../runtime/store/migrations/index.js";
import { openStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-store-open-"));
let postgres: PostgresInstance;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

const config = (url: string) => resolveStoreConfig({ url });

describe("openStore", () => {
  it("creates, migrates and reopens an SQLite store in WAL mode", async () => {
    const store = await openStore({ config: config("sqlite:a/drlwb.db"), baseDir: root, env: {} });
    const status = await migrationStatus(store);
    expect(status.map((s) => s.name)).toEqual(STORE_MIGRATIONS.map(([n]) => n));
    expect(status.every((s) => s.appliedAt !== null)).toBe(true);
    await store.close();
    const raw = new Database(join(root, "a", "drlwb.db"));
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
    const again = await openStore({ config: config("sqlite:a/drlwb.db"), baseDir: root, env: {} });
    await again.close();
  });

  it("creates and migrates a PostgreSQL store", async () => {
    const url = await postgres.createDatabase("open_store");
    const store = await openStore({ config: config(url), baseDir: root, env: {} });
    expect(store.dialect).toBe("postgres");
    const status = await migrationStatus(store);
    expect(status.every((s) => s.appliedAt !== null)).toBe(true);
    await store.close();
  });

  it("refuses a file that is not a database, naming it and leaving it untouched", async () => {
    const file = join(root, "notes.db");
    writeFileSync(file, "these are my notes, not a database\n".repeat(10));
    const error = await openStore({
      config: config("sqlite:notes.db"),
      baseDir: root,
      env: {},
    }).catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect(String((error as Error).message)).toContain("sqlite:notes.db");
    expect(String((error as Error).message)).not.toContain(root);
  });

  it("refuses another application's SQLite database", async () => {
    const file = join(root, "other.db");
    const raw = new Database(file);
    raw.exec("create table customers (id integer primary key, name text)");
    raw.close();
    const error = await openStore({
      config: config("sqlite:other.db"),
      baseDir: root,
      env: {},
    }).catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/another application/);
  });

  it("DRLWB_STORE overrides the configured location", async () => {
    const store = await openStore({
      config: config("sqlite:unused.db"),
      baseDir: root,
      env: { DRLWB_STORE: "sqlite:from-env.db" },
    });
    expect(store.display).toBe("sqlite:from-env.db");
    await store.close();
  });
});
