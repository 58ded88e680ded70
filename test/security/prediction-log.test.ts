/**
 * What the prediction log and /ready show: no secret and no absolute path of
 * the server. The store's password (in its URL) and the workspace's location
 * never appear in /ready, /metrics or the logged rows, whether the store is
 * up, down, or a damaged file; the log rows hold the decision only.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { type ModelServer, startModelServer } from "../support/model-server.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";

const PASSWORD = "pw-7f3a9c-do-not-show";
let postgres: PostgresInstance;
let pgServer: ModelServer;
let sqliteServer: ModelServer;
let url = "";

beforeAll(async () => {
  postgres = await startPostgres();
  // Trust authentication accepts any password: the URL carries one as a deployment's would.
  url = (await postgres.createDatabase("secured")).replace("drlwb@", `drlwb:${PASSWORD}@`);
  const log = { flush_ms: 50, batch_rows: 2, buffer_rows: 4 };
  pgServer = await startModelServer({
    prefix: "drlwb-sec-log-pg-",
    overrides: { store: { url, connect_timeout_ms: 1000, prediction_log: log } },
    models: [{ name: "cart", aliases: ["champion"] }],
  });
  sqliteServer = await startModelServer({
    prefix: "drlwb-sec-log-sqlite-",
    overrides: { store: { url: "sqlite:state/drlwb.db", prediction_log: log } },
    models: [{ name: "cart" }],
  });
}, 180_000);

afterAll(async () => {
  await pgServer?.close();
  await sqliteServer?.close();
  await postgres?.stop();
});

const predict = (server: ModelServer, i: number) =>
  fetch(`${server.url}/models/cart/predict`, {
    method: "POST",
    headers: { ...server.admin, "content-type": "application/json" },
    body: JSON.stringify({ observation: [i, 0, 0, 0] }),
  });

async function visible(server: ModelServer): Promise<string> {
  const ready = await (await fetch(`${server.url}/ready`)).text();
  const metrics = await (await fetch(`${server.url}/metrics`, { headers: server.admin })).text();
  return `${ready}\n${metrics}`;
}

function expectNothingPrivate(text: string, server: ModelServer): void {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(server.workspace.root);
  expect(text).not.toMatch(/\/tmp\/|\/home\/|\/root\//);
}

describe("the prediction log shows no secret or server path", () => {
  it("logged rows hold the decision only; /ready and /metrics stay clean with the store up", async () => {
    for (let i = 0; i < 3; i++) expect((await predict(pgServer, i)).status).toBe(200);
    const reader = await openStore({ config: resolveStoreConfig({ url }), baseDir: "/", env: {} });
    await expect
      .poll(async () => (await reader.db.selectFrom("predictions").selectAll().execute()).length, {
        timeout: 20_000,
      })
      .toBe(3);
    const rows = await reader.db.selectFrom("predictions").selectAll().execute();
    await reader.close();
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        [
          "features",
          "features_digest",
          "id",
          "latency_ms",
          "model",
          "output",
          "risk_events",
          "time",
          "variant",
          "version",
        ].sort(),
      );
      expectNothingPrivate(JSON.stringify(row), pgServer);
    }
    expectNothingPrivate(await visible(pgServer), pgServer);
  });

  it("with the PostgreSQL store down, /ready names no host password or path", async () => {
    await postgres.stop();
    for (let i = 0; i < 10; i++) expect((await predict(pgServer, i)).status).toBe(200);
    await expect
      .poll(
        async () =>
          (
            (await (await fetch(`${pgServer.url}/ready`)).json()) as {
              predictionLog: { failedFlushes: number };
            }
          ).predictionLog.failedFlushes,
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    const text = await visible(pgServer);
    expect(text).toContain('"store":"unavailable"');
    expectNothingPrivate(text, pgServer);
    expect(text).not.toContain(String(postgres.port));
  });

  it("with a damaged SQLite store file, /ready says unavailable without its absolute path", async () => {
    // The store's file exists but is not a database: opening it is refused by name (relative).
    mkdirSync(join(sqliteServer.workspace.root, "state"), { recursive: true });
    writeFileSync(
      join(sqliteServer.workspace.root, "state", "drlwb.db"),
      "not a database, a note\n".repeat(20),
    );
    for (let i = 0; i < 10; i++) expect((await predict(sqliteServer, i)).status).toBe(200);
    await expect
      .poll(
        async () =>
          (
            (await (await fetch(`${sqliteServer.url}/ready`)).json()) as {
              predictionLog: { failedFlushes: number };
            }
          ).predictionLog.failedFlushes,
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    const ready = await fetch(`${sqliteServer.url}/ready`);
    expect(ready.status).toBe(200);
    const text = await visible(sqliteServer);
    expect(text).toContain('"status":"degraded"');
    expectNothingPrivate(text, sqliteServer);
    // The stats kept in memory (for the server's own log) are sanitized too.
    const stats = sqliteServer.app.predictionLog.log.stats();
    expect(stats.lastError).not.toBeNull();
    expect(stats.lastError).not.toContain(sqliteServer.workspace.root);
  });
});
