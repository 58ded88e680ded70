/**
 * A backtest job indexes its run in the server's tracking store
 * (`store.url`, a `sqlite:` file relative to the workspace root): the row is
 * there, complete, with its metrics, when the job has finished. A store the
 * worker cannot open does not fail the job: the run log says so once.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../../runtime/registry/index.js";
import { openStore } from "../../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../../runtime/store/store-config.js";
import { createApp } from "../../../server/app.js";
import { createToken } from "../../../server/auth/jwt.js";
import { jobStore, parseJobStore } from "../../../server/jobs/job-store.js";
import { serverStore } from "../../../server/store.js";
import { listen } from "../../support/http-server.js";
import { testServerConfig } from "../../support/server-config.js";

const fixtures = new URL("../../fixtures/specs/jobs/", import.meta.url).pathname;
const roots: string[] = [];
const secret = new TextEncoder().encode("s".repeat(40));

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A server whose store is `storeUrl`; runs one quick-strategy job and returns its run id. */
async function runJob(storeUrl: string, prepare: (root: string) => void = () => {}) {
  const root = mkdtempSync(join(tmpdir(), "drlwb-backtests-store-"));
  roots.push(root);
  prepare(root);
  const loaded = testServerConfig(root, {
    jobs: { workers: 1, worker_priority: 0 },
    store: { url: storeUrl },
  });
  cpSync(fixtures, loaded.workspace.specs, { recursive: true });
  const created = createApp({
    registry: new ModelRegistry(loaded.workspace.registry),
    secret,
    ...loaded,
    // The configuration's store decides (the suite's DRLWB_STORE is for servers that name none).
    store: serverStore(loaded.config, loaded.workspace, {}),
    auditFile: join(root, "audit.log"),
    loadPredictor: async () => {
      throw new Error("no models");
    },
  });
  const { url, close } = await listen(created.app);
  const headers = {
    authorization: `Bearer ${await createToken(secret, { subject: "ann", role: "researcher" })}`,
    "content-type": "application/json",
  };
  try {
    const res = await fetch(`${url}/backtests`, {
      method: "POST",
      headers,
      body: JSON.stringify({ specFile: "quick-strategy.yaml" }),
    });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    for (;;) {
      const job = (await (await fetch(`${url}/jobs/${jobId}`, { headers })).json()) as {
        status: string;
        runId?: string;
      };
      if (!["queued", "running"].includes(job.status)) {
        expect(job.status).toBe("succeeded");
        return { root, runsDir: loaded.workspace.runs, runId: job.runId! };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await created.jobs.drain();
    await close();
    await created.store?.close();
  }
}

describe("backtest jobs and the runs index", () => {
  it("write the run's row into the workspace's store", async () => {
    const { root, runId } = await runJob("sqlite:state/ws.db");
    const store = await openStore({
      config: resolveStoreConfig({ url: "sqlite:state/ws.db" }),
      baseDir: root,
      env: {},
    });
    try {
      const row = await store.db
        .selectFrom("runs")
        .selectAll()
        .where("id", "=", runId)
        .executeTakeFirst();
      expect(row).toMatchObject({
        id: runId,
        status: "complete",
        experiment: "job-quick",
        run_dir: runId,
      });
      const sharpe = await store.db
        .selectFrom("run_metrics")
        .select("value")
        .where("run_id", "=", runId)
        .where("key", "=", "sharpe")
        .executeTakeFirst();
      expect(Number.isFinite(sharpe?.value)).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);

  it("succeed when the store cannot be opened, with one warning in the run log", async () => {
    const garbage = "definitely not sqlite\n".repeat(8);
    const { root, runsDir, runId } = await runJob("sqlite:broken.db", (r) =>
      writeFileSync(join(r, "broken.db"), garbage),
    );
    const log = readFileSync(join(runsDir, runId, "logs", "run.log"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { level: string; scope: string; message: string });
    const warnings = log.filter((l) => l.scope === "run.store");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain("runs index");
    // Clients can read run logs: the store's location and the driver's text stay server-side.
    expect(warnings[0]?.message).not.toContain("broken.db");
    expect(readFileSync(join(root, "broken.db"), "utf8")).toBe(garbage);
  }, 120_000);
});

describe("the job store option", () => {
  it("resolves DRLWB_STORE in the server (a worker's environment does not carry it) and is re-checked by the worker", () => {
    const config = resolveStoreConfig({ url: "sqlite:a.db" });
    const chosen = jobStore(config, "/ws", { DRLWB_STORE: "sqlite:b.db" });
    expect(chosen).toEqual({ config: { ...config, url: "sqlite:b.db" }, baseDir: "/ws" });
    expect(parseJobStore(JSON.parse(JSON.stringify(chosen)))).toEqual(chosen);
    expect(() => parseJobStore({ config: { url: "" }, baseDir: "/ws" })).toThrow();
    expect(() => parseJobStore({ config: {} })).toThrow(TypeError);
  });
});
