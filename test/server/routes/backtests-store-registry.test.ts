/**
 * A backtest job whose spec has `register:` on a server with
 * `registry.backend: store`: the worker registers the model through the
 * server's tracking store (the registry the server reads), never into a
 * registry.json of its own; the server then lists it and predicts with it.
 * On SQLite (a file relative to the workspace root) and on PostgreSQL.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresInstance, startPostgres } from "../../support/postgres.js";
import {
  type StoreRegistryServer,
  specBars,
  storeRegistryServer,
} from "../../support/store-registry-server.js";

const spec = new URL("../../fixtures/specs/registry/quick-register.yaml", import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), "drlwb-backtests-store-registry-"));
let postgres: PostgresInstance;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Submits the quick registering spec and waits for its job to finish. */
async function runJob(server: StoreRegistryServer): Promise<Record<string, unknown>> {
  cpSync(spec, join(server.loaded.workspace.specs, "quick-register.yaml"));
  const submitted = await server.call("POST", "/backtests", { specFile: "quick-register.yaml" });
  expect(submitted.status, submitted.text).toBe(202);
  const jobId = submitted.body.jobId as string;
  for (;;) {
    const job = await server.call("GET", `/jobs/${jobId}`);
    if (!["queued", "running"].includes(job.body.status as string)) return job.body;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const engines = [
  ["SQLite", async () => "sqlite:state/ws.db"],
  ["PostgreSQL", async () => postgres.createDatabase("jobs_registry")],
] as const;

describe.each(engines)(
  "a backtest job registering on a store-backed server (%s)",
  (_engine, storeOf) => {
    it("records the version in the server's store; the server lists it and predicts with it", async () => {
      const ws = mkdtempSync(join(root, "ws-"));
      const server = await storeRegistryServer(ws, await storeOf(), {
        jobs: { workers: 1, worker_priority: 0 },
      });
      try {
        const job = await runJob(server);
        expect(job.status, JSON.stringify(job)).toBe("succeeded");
        expect(existsSync(join(server.loaded.workspace.registry, "registry.json"))).toBe(false);
        const list = await server.call("GET", "/models");
        expect(list.status, list.text).toBe(200);
        expect(list.body.models).toEqual([
          expect.objectContaining({ name: "goog-sma", aliases: { champion: 1 }, latestVersion: 1 }),
        ]);
        const version = await server.call("GET", "/models/goog-sma/versions/champion");
        expect(version.status, version.text).toBe(200);
        expect((version.body.lineage as { runId?: string }).runId).toBe(job.runId);
        const minimum = (version.body.signature as { bars: { minimum: number } }).bars.minimum;
        const predicted = await server.call("POST", "/models/goog-sma/predict", {
          bars: await specBars(spec, minimum + 3),
        });
        expect(predicted.status, predicted.text).toBe(200);
        expect(predicted.body).toMatchObject({ model: "goog-sma", version: 1 });
      } finally {
        await server.close();
      }
    }, 180_000);
  },
);
