/**
 * The server's store URL (it may carry a password) stays server-side when a
 * backtest job registers a model through the store-backed registry: the
 * worker gets it over its IPC channel only, and a store the worker cannot
 * open fails the registration with a job error that names no user,
 * password, host or URL — and the model is not registered anywhere else
 * (no registry.json of the worker's own).
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { storeRegistryServer } from "../support/store-registry-server.js";

const spec = new URL("../fixtures/specs/registry/quick-register.yaml", import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), "drlwb-security-job-registry-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("a job registering through a store-backed registry whose store is down", () => {
  it("fails without showing the store's URL, user or password, and registers nothing elsewhere", async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const url = "postgres://registry-owner:hunter2-pw@127.0.0.1:1/drlwb_secret_db";
    const server = await storeRegistryServer(root, url, {
      jobs: { workers: 1, worker_priority: 0 },
    });
    try {
      cpSync(spec, join(server.loaded.workspace.specs, "quick-register.yaml"));
      const submitted = await server.call("POST", "/backtests", {
        specFile: "quick-register.yaml",
      });
      expect(submitted.status, submitted.text).toBe(202);
      const jobId = submitted.body.jobId as string;
      let job = await server.call("GET", `/jobs/${jobId}`);
      while (["queued", "running"].includes(job.body.status as string)) {
        await new Promise((r) => setTimeout(r, 200));
        job = await server.call("GET", `/jobs/${jobId}`);
      }
      expect(job.body.status, job.text).toBe("failed");
      expect(job.body.error).toMatch(/could not be registered: the registry's tracking store/);
      for (const secret of [
        "hunter2-pw",
        "registry-owner",
        "drlwb_secret_db",
        "127.0.0.1:1",
        "postgres://",
      ])
        expect(job.text).not.toContain(secret);
      expect(existsSync(join(server.loaded.workspace.registry, "registry.json"))).toBe(false);
    } finally {
      await server.close();
    }
  }, 120_000);
});
