/**
 * Run folders over HTTP (server/routes/runs.ts): two real runs of a quick strategy spec in the
 * server's workspace, listed, shown by id or unique prefix, and their tear sheet served —
 * answers never carry an absolute server path; bad, unknown and ambiguous ids are 400/404.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../../runtime/registry/index.js";
import { runSpec } from "../../../runtime/run/run-spec.js";
import { createApp } from "../../../server/app.js";
import { createToken } from "../../../server/auth/jwt.js";
import { serverSpecPolicy } from "../../../server/spec-policy.js";
import { listen } from "../../support/http-server.js";
import { testServerConfig } from "../../support/server-config.js";

const fixtures = new URL("../../fixtures/specs/jobs/", import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), "drlwb-runs-route-"));
const secret = new TextEncoder().encode("r".repeat(40));
let url = "";
let close = async () => {};
let viewer: Record<string, string> = {};
const runIds: string[] = [];
const runDirs: string[] = [];

beforeAll(async () => {
  const loaded = testServerConfig(root);
  cpSync(fixtures, loaded.workspace.specs, { recursive: true });
  const policy = serverSpecPolicy(loaded.config, loaded.workspace);
  for (const seed of [1, 2]) {
    const result = await runSpec(join(loaded.workspace.specs, "quick-strategy.yaml"), {
      seed,
      policy,
    });
    expect(result.status).toBe("complete");
    runIds.push(result.id);
    runDirs.push(result.dir);
  }
  const { app } = createApp({
    registry: new ModelRegistry(loaded.workspace.registry),
    secret,
    ...loaded,
    loadPredictor: async () => {
      throw new Error("this test serves no models");
    },
  });
  ({ url, close } = await listen(app));
  viewer = {
    authorization: `Bearer ${await createToken(secret, { subject: "v", role: "viewer" })}`,
  };
}, 120_000);
afterAll(async () => {
  await close();
  rmSync(root, { recursive: true, force: true });
});

async function get(path: string, headers = viewer) {
  const res = await fetch(`${url}${path}`, { headers });
  const text = await res.text();
  expect(text, path).not.toContain(root);
  return { status: res.status, text };
}

/** The shortest prefix of `id` that no other run id shares. */
function uniquePrefix(id: string): string {
  for (let n = 1; n <= id.length; n++) {
    const prefix = id.slice(0, n);
    if (runIds.filter((other) => other.startsWith(prefix)).length === 1) return prefix;
  }
  return id;
}

describe("GET /runs", () => {
  it("needs credentials", async () => {
    expect((await get("/runs", {})).status).toBe(401);
  });

  it("lists both runs, newest first, without their folders", async () => {
    const res = await get("/runs");
    expect(res.status).toBe(200);
    const { runs } = JSON.parse(res.text) as { runs: Record<string, unknown>[] };
    expect(runs.map((r) => r.id)).toEqual([...runIds].reverse());
    for (const run of runs) {
      expect(run).toMatchObject({ name: "job-quick", status: "complete" });
      expect(run).not.toHaveProperty("dir");
    }
    expect(runs.map((r) => r.seed)).toEqual([2, 1]);
  });
});

describe("GET /runs/:id", () => {
  it("shows a run's record, metrics and files by its full id", async () => {
    const res = await get(`/runs/${runIds[0]}`);
    expect(res.status).toBe(200);
    const run = JSON.parse(res.text) as Record<string, unknown>;
    expect(run).toMatchObject({ id: runIds[0], status: "complete", seed: 1 });
    expect(run).not.toHaveProperty("dir");
    expect(run.files).toEqual(expect.arrayContaining(["run.json", "metrics.json", "report.html"]));
    expect(typeof (run.metrics as Record<string, unknown>)).toBe("object");
  });

  it("finds a run by a unique id prefix", async () => {
    const id = runIds[1]!;
    const res = await get(`/runs/${uniquePrefix(id)}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ id, seed: 2 });
  });

  it("answers 400 to an ambiguous prefix, naming the candidates", async () => {
    const shared = [...runIds[0]!].findIndex((c, i) => runIds[1]![i] !== c);
    const prefix = runIds[0]!.slice(0, shared);
    const res = await get(`/runs/${prefix}`);
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text) as { message: string };
    expect(body.message).toContain("ambiguous");
    for (const id of runIds) expect(body.message).toContain(id);
  });

  it("answers 404 to an unknown id and 400 to one that is not an id", async () => {
    const unknown = await get("/runs/zzzz-no-such-run");
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ error: "not_found" });
    const bad = await get(`/runs/${encodeURIComponent("a.b")}`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).message).toMatch(/not a run id/);
  });
});

describe("GET /runs/:id/report", () => {
  it("serves the run's HTML tear sheet", async () => {
    // The tear sheet is served as the run wrote it (its provenance table names the spec file).
    const res = await fetch(`${url}/runs/${runIds[0]}/report`, { headers: viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain("job-quick");
  });

  it("answers 404 naming the run when it has no report.html", async () => {
    const id = runIds[1]!;
    rmSync(join(runDirs[1]!, "report.html"));
    const res = await get(`/runs/${id}/report`);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toMatchObject({
      error: "not_found",
      message: `run ${id} has no report.html`,
    });
  });
});
