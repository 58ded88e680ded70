import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { createStudy } from "../../runtime/store/studies.js";
import { addTrial } from "../../runtime/store/trials.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";
import { userError } from "../support/user-error.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-store-refused-"));
let postgres: PostgresInstance;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

const open = (url: string) =>
  openStore({ config: resolveStoreConfig({ url }), baseDir: root, env: {} });

/** A real store with rows in every page, closed (checkpointed into the main file). */
async function realStore(name: string): Promise<string> {
  const store = await open(`sqlite:${name}`);
  await createStudy(store, { id: "s", direction: "maximize", objective: "sharpe" });
  for (let i = 0; i < 50; i++)
    await addTrial(store, "s", {
      params: { i, padding: "x".repeat(500) },
      outcome: { state: "complete", value: i },
      intermediate: Array.from({ length: 20 }, (_, step) => ({ step, value: step })),
    });
  await store.close();
  return join(root, name);
}

/** Opening `name` is refused with a message naming it; the file is byte-for-byte what it was, nothing beside it. */
async function expectRefusedUntouched(name: string, pattern: RegExp): Promise<void> {
  const file = join(root, name);
  const before = readFileSync(file);
  const inode = statSync(file).ino;
  const error = await userError(open(`sqlite:${name}`));
  expect(error.message).toContain(`sqlite:${name}`);
  expect(error.message).toMatch(pattern);
  expect(error.message).not.toContain(root);
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(statSync(file).ino).toBe(inode);
  expect(readdirSync(root).filter((f) => f.startsWith(`${name}-`))).toEqual([]); // no -wal/-shm/-journal left
  // Refused again on a second try: it was not re-created as an empty store.
  expect((await userError(open(`sqlite:${name}`))).message).toMatch(pattern);
}

describe("corrupt SQLite stores are refused, never re-created", () => {
  it("a valid SQLite header followed by garbage", async () => {
    const garbage = Buffer.alloc(16 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    writeFileSync(
      join(root, "garbage.db"),
      Buffer.concat([Buffer.from("SQLite format 3\0", "latin1"), garbage]),
    );
    await expectRefusedUntouched("garbage.db", /is damaged/);
  });

  it("a store truncated (a copy cut short, a disk filled up)", async () => {
    const file = await realStore("whole.db");
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(64 * 1024);
    for (const [name, length] of [
      ["half.db", Math.floor(size / 2)],
      ["last-page-missing.db", size - 4096],
      ["first-page-only.db", 4096],
      ["torn-header.db", 60],
    ] as const) {
      copyFileSync(file, join(root, name));
      truncateSync(join(root, name), length);
      await expectRefusedUntouched(name, /is damaged|not an SQLite database/);
    }
    // The intact original still opens.
    await (await open("sqlite:whole.db")).close();
  });
});

describe("foreign databases are refused", () => {
  it("an SQLite file another application claimed (its own application_id, no tables yet)", async () => {
    const raw = new Database(join(root, "claimed.db"));
    raw.pragma("application_id = 1234");
    raw.close();
    await expectRefusedUntouched("claimed.db", /another application/);
  });

  it("a PostgreSQL database holding another application's tables, left unchanged", async () => {
    const url = await postgres.createDatabase("foreign_app");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("create table customers (id integer primary key, name text)");
      await client.query("insert into customers values (1, 'ada')");
      const error = await userError(open(url));
      expect(error.message).toMatch(/another application/);
      expect(error.message).toContain(url);
      const tables = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(["customers"]);
      expect((await client.query("select * from customers")).rows).toEqual([
        { id: 1, name: "ada" },
      ]);
    } finally {
      await client.end();
    }
  });
});
