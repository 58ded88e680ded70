/**
 * The server logs every decision to its tracking store (here PostgreSQL):
 * the rows appear with the model, version, variant, features, output and
 * latency; an alias change is an audit row; with the store DOWN (the
 * PostgreSQL server stopped mid-test) predictions keep being served, the
 * dropped rows are counted in /metrics and /ready says the server is
 * degraded (200).
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import { listAudit } from "../../runtime/store/audit.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { type ModelServer, startModelServer } from "../support/model-server.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";

let postgres: PostgresInstance;
let server: ModelServer;
let reader: TrackingStore;

beforeAll(async () => {
  postgres = await startPostgres();
  const url = await postgres.createDatabase("served");
  server = await startModelServer({
    prefix: "drlwb-prediction-log-",
    overrides: {
      store: {
        url,
        connect_timeout_ms: 1000,
        prediction_log: { flush_ms: 50, batch_rows: 5, buffer_rows: 20 },
      },
    },
    models: [{ name: "cart", aliases: ["champion"] }],
  });
  reader = await openStore({
    config: resolveStoreConfig({ url }),
    baseDir: server.workspace.root,
    env: {},
  });
}, 180_000);

afterAll(async () => {
  await reader?.close().catch(() => {});
  await server?.close();
  await postgres?.stop();
});

const predict = (body: Record<string, unknown>) =>
  fetch(`${server.url}/models/cart/predict`, {
    method: "POST",
    headers: { ...server.admin, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const metricValue = (text: string, name: string): number => {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line === undefined ? 0 : Number(line.split(" ").at(-1));
};

const metrics = async () =>
  (await fetch(`${server.url}/metrics`, { headers: server.admin })).text();

const digest = (values: number[]) =>
  createHash("sha256")
    .update(new Uint8Array(Float64Array.from(values).buffer))
    .digest("hex");

describe("the prediction log of a running server", () => {
  it("logs every decision with its model, version, variant, features and output", async () => {
    const one = [0.01, -0.02, 0.03, 0.04];
    const res = await predict({ alias: "champion", observation: one });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { action: number; weights: number[] };
    const batch = [
      [0.1, 0.2, 0.3, 0.4],
      [-0.1, -0.2, -0.3, -0.4],
      [0, 0, 0, 0],
    ];
    const many = await predict({ version: 1, observations: batch });
    expect(many.status).toBe(200);
    const answers = (await many.json()) as { actions: number[]; weights: number[][] };

    await expect
      .poll(async () => (await reader.db.selectFrom("predictions").selectAll().execute()).length, {
        timeout: 20_000,
      })
      .toBe(4);
    const rows = await reader.db.selectFrom("predictions").selectAll().orderBy("id").execute();
    expect(rows[0]).toMatchObject({
      model: "cart",
      version: 1,
      variant: "champion",
      features: JSON.stringify(one),
      features_digest: digest(one),
      risk_events: "[]",
    });
    expect(JSON.parse(rows[0]!.output)).toEqual({ action: answer.action, weights: answer.weights });
    expect(rows[0]!.latency_ms).toBeGreaterThan(0);
    expect(
      rows.slice(1).map((r) => [r.variant, JSON.parse(r.features), JSON.parse(r.output)]),
    ).toEqual(
      batch.map((obs, i) => [
        "version",
        obs,
        { action: answers.actions[i], weights: answers.weights[i] },
      ]),
    );
    expect(metricValue(await metrics(), "drlwb_prediction_log_rows_total")).toBe(4);
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: "ready",
      store: "ok",
      predictionLog: { enabled: true, logged: 4, dropped: 0 },
    });
  });

  it("an alias change through the API is an audit row in the store (the log file stays)", async () => {
    const res = await fetch(`${server.url}/models/cart/aliases`, {
      method: "POST",
      headers: { ...server.admin, "content-type": "application/json" },
      body: JSON.stringify({ alias: "challenger", version: 1 }),
    });
    expect(res.status).toBe(200);
    await expect
      .poll(async () => (await listAudit(reader, { action: "models.alias" })).length, {
        timeout: 10_000,
      })
      .toBe(1);
    const [row] = await listAudit(reader, { action: "models.alias" });
    expect(row).toMatchObject({ actor: "tester", target: "cart", outcome: "ok" });
    expect(JSON.parse(row!.detail)).toMatchObject({
      method: "POST",
      path: "/models/cart/aliases",
      status: 200,
      role: "admin",
    });
  });

  it("with the store down: predictions are served, dropped rows are counted, /ready says degraded", async () => {
    await reader.close();
    await postgres.stop();
    for (let i = 0; i < 60; i++) {
      const res = await predict({ alias: "champion", observation: [i / 100, 0, 0, 0] });
      expect(res.status).toBe(200);
    }
    await expect
      .poll(
        async () =>
          metricValue(await metrics(), 'drlwb_prediction_log_dropped_total{reason="buffer_full"}'),
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThan(0);
    const text = await metrics();
    expect(metricValue(text, "drlwb_prediction_log_buffered_rows")).toBeLessThanOrEqual(20);
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as {
      status: string;
      store: string;
      predictionLog: { dropped: number; failedFlushes: number };
    };
    expect(body.status).toBe("degraded");
    expect(body.store).toBe("unavailable");
    expect(body.predictionLog.dropped).toBeGreaterThan(0);
    expect(body.predictionLog.failedFlushes).toBeGreaterThan(0);
  });
});
