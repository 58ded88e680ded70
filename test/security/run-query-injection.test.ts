/**
 * Run queries take user input (filter, sort, columns) into SQL on SQLite and
 * PostgreSQL: injection attempts are refused as clean query errors or bound
 * as plain values — the tables stay intact, nothing extra is answered, no
 * prototype is touched — and the configured limits hold.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import { RunQueryError } from "../../runtime/store/run-query-error.js";
import { countRuns, queryRuns } from "../../runtime/store/run-query.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { serverStore } from "../../server/store.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import { listen } from "../support/http-server.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";
import { testServerConfig } from "../support/server-config.js";
import { seedRuns } from "../support/store-runs.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-run-query-sec-"));
let postgres: PostgresInstance;
const stores = new Map<string, TrackingStore>();
const seed = [
  {
    id: "run-a",
    experiment: "alpha",
    status: "complete",
    seed: 1,
    startedAt: "2026-01-01T00:00:00.000Z",
    metrics: new Map([["sharpe", 1]]),
    tags: new Map([["owner", "ana"]]),
  },
  {
    id: "run-b",
    experiment: 'o\'brien "quoted"',
    status: "failed",
    seed: 2,
    startedAt: "2026-01-02T00:00:00.000Z",
    metrics: new Map([["sharpe", 2]]),
  },
];

beforeAll(async () => {
  postgres = await startPostgres();
  for (const [engine, url] of [
    ["sqlite", "sqlite:sec.db"],
    ["postgres", await postgres.createDatabase("run_query_sec")],
  ] as const) {
    const store = await openStore({ config: resolveStoreConfig({ url }), baseDir: root, env: {} });
    await seedRuns(store, seed);
    stores.set(engine, store);
  }
}, 120_000);
afterAll(async () => {
  for (const store of stores.values()) await store.close();
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

const attempts = {
  filter: [
    "sharpe; drop table runs",
    "sharpe > 1; drop table runs",
    "status = x' or '1'='1",
    "status = 'x'' or 1=1 --'",
    `name = "x\\" or 1=1 --"`,
    "name ~ '%' or 1=1",
    "sharpe > 1 union select * from runs",
    "status = complete) or (1 = 1",
    "__proto__ > 1",
    "tag.owner' = 'x",
    "param.a = 1/*",
  ],
  sort: ["sharpe; drop table runs", "-sharpe desc, (select 1)", "'sharpe'", "__proto__", "id--"],
  columns: [
    "sharpe; drop table runs",
    "sharpe) from runs --",
    "__proto__",
    "constructor.prototype",
    "a b",
  ],
} as const;

describe.each(["sqlite", "postgres"])("run query injection on %s", (engine) => {
  const store = () => stores.get(engine) as TrackingStore;

  it("refuses or binds every attempt; the tables and rows stay as they were", async () => {
    for (const filter of attempts.filter) {
      const result = await queryRuns(store(), { filter }).catch((e: unknown) => e);
      if (Array.isArray(result)) expect(result, filter).toEqual([]);
      else expect(result, filter).toBeInstanceOf(RunQueryError);
    }
    for (const sort of attempts.sort)
      await expect(queryRuns(store(), { sort }), sort).rejects.toBeInstanceOf(RunQueryError);
    for (const columns of attempts.columns)
      await expect(queryRuns(store(), { columns: [columns] }), columns).rejects.toBeInstanceOf(
        RunQueryError,
      );
    expect(await countRuns(store())).toBe(2);
    expect((await store().db.selectFrom("run_metrics").selectAll().execute()).length).toBe(2);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("compares quotes and wildcards as the literal text they are", async () => {
    const quoted = await queryRuns(store(), { filter: `name = "o'brien \\"quoted\\""` });
    expect(quoted.map((r) => r.id)).toEqual(["run-b"]);
    expect(await queryRuns(store(), { filter: "name ~ '%'" })).toEqual([]);
    expect((await queryRuns(store(), { filter: 'name ~ "\'"' })).map((r) => r.id)).toEqual([
      "run-b",
    ]);
    expect(
      await queryRuns(store(), { filter: "tag.__proto__ = x or tag.constructor = y" }),
    ).toEqual([]);
  });

  it("enforces the configured limits", async () => {
    const tight = {
      ...store(),
      config: resolveStoreConfig({
        query: {
          max_filter_length: 30,
          max_filter_depth: 2,
          max_filter_terms: 2,
          max_columns: 2,
          max_limit: 5,
        },
      }),
    };
    await expect(
      queryRuns(tight, { filter: "sharpe > 1 and sharpe < 3 and sharpe != 2" }),
    ).rejects.toThrow(/max_filter_length/);
    await expect(queryRuns(tight, { filter: "(((sharpe > 1)))" })).rejects.toThrow(
      /max_filter_depth/,
    );
    await expect(queryRuns(tight, { filter: "a>1 or b>1 or c>1" })).rejects.toThrow(
      /max_filter_terms/,
    );
    await expect(queryRuns(tight, { columns: ["sharpe", "cagr", "seed"] })).rejects.toThrow(
      /max_columns/,
    );
    await expect(queryRuns(tight, { limit: 6 })).rejects.toThrow(/max_limit/);
    expect(await queryRuns(tight, { limit: 5 })).toHaveLength(2);
  });
});

describe("GET /runs?… injection", () => {
  it("answers clean 400s without server paths and leaves the store intact", async () => {
    const ws = mkdtempSync(join(tmpdir(), "drlwb-run-query-sec-http-"));
    const secret = new TextEncoder().encode("s".repeat(40));
    const loaded = testServerConfig(ws);
    const { app, store } = createApp({
      registry: new ModelRegistry(loaded.workspace.registry),
      secret,
      ...loaded,
      // The configured store decides (the suite's DRLWB_STORE is for servers that name none).
      store: serverStore(loaded.config, loaded.workspace, {}),
      loadPredictor: async () => {
        throw new Error("no models");
      },
    });
    await seedRuns(await store.get(), seed);
    const server = await listen(app);
    const headers = {
      authorization: `Bearer ${await createToken(secret, { subject: "v", role: "viewer" })}`,
    };
    try {
      for (const [part, values] of Object.entries(attempts)) {
        for (const value of values) {
          const res = await fetch(`${server.url}/runs?${part}=${encodeURIComponent(value)}`, {
            headers,
          });
          const text = await res.text();
          expect([200, 400], `${part}=${value}`).toContain(res.status);
          if (res.status === 200) expect(JSON.parse(text).runs, value).toEqual([]);
          else expect(JSON.parse(text).error).toBe("bad_query");
          expect(text).not.toContain(ws);
          expect(text).not.toMatch(/SQLITE|syntax error|at .*\.ts:/);
        }
      }
      const long = await fetch(`${server.url}/runs?filter=${"x".repeat(2000)}`, { headers });
      expect(long.status).toBe(400);
      const deep = await fetch(
        `${server.url}/runs?filter=${encodeURIComponent(`${"(".repeat(50)}sharpe>1${")".repeat(50)}`)}`,
        { headers },
      );
      expect(deep.status).toBe(400);
      expect(await countRuns(await store.get())).toBe(2);
    } finally {
      await server.close();
      await store.close();
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
