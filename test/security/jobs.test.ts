/**
 * Jobs on a real server on loopback. Before the fix jobs ran on the serving
 * process: a runaway spec (`total_timesteps: 1e9`) stalled every request and
 * could not be stopped, the queue took any number of jobs, `.submitted-*`
 * spec files were never removed and job errors could name server paths.
 * Now each job runs in a worker process with limits, and can be cancelled.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createAgentPredictorLoader } from "../../runtime/serving/agent-predictor.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import type { JobPool } from "../../server/jobs/job-pool.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";
import { trainedArtifact } from "../support/trained-model.js";

const fixtures = new URL("../fixtures/specs/jobs/", import.meta.url).pathname;
const secret = new TextEncoder().encode("j".repeat(40));
const roots: string[] = [];
const servers: { close: () => Promise<void>; jobs: JobPool }[] = [];
const auth: Record<string, Record<string, string>> = {};
let model = "";

interface Served {
  readonly url: string;
  readonly root: string;
  readonly specs: string;
  readonly runs: string;
  readonly auditFile: string;
}

async function serve(jobs: Record<string, unknown>, before?: (specs: string) => void) {
  const root = mkdtempSync(join(tmpdir(), "drlwb-jobs-sec-"));
  roots.push(root);
  const loaded = testServerConfig(root, {
    http: { rate_limit_per_minute: 1_000_000 },
    specs: { max_total_timesteps: 2_000_000_000 },
    // Priority 0: on a busy test machine a niced worker would mostly wait.
    jobs: { kill_grace_ms: 3000, worker_priority: 0, ...jobs },
  });
  cpSync(fixtures, loaded.workspace.specs, { recursive: true });
  before?.(loaded.workspace.specs);
  const registry = new ModelRegistry(loaded.workspace.registry);
  registry.registerModel({ name: "cart", sourceDir: model, aliases: ["champion"] });
  const { app, jobs: pool } = createApp({
    registry,
    secret,
    ...loaded,
    loadPredictor: createAgentPredictorLoader(),
  });
  const server = await listen(app);
  servers.push({ close: server.close, jobs: pool });
  const served: Served = {
    url: server.url,
    root: loaded.workspace.root,
    specs: loaded.workspace.specs,
    runs: loaded.workspace.runs,
    auditFile: join(loaded.workspace.registry, "audit.log"),
  };
  return served;
}

async function call(
  s: Served,
  method: string,
  path: string,
  who: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: {
      ...auth[who],
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const fixture = (name: string): unknown => parse(readFileSync(join(fixtures, name), "utf8"));

async function submit(s: Served, who: string, body: unknown): Promise<string> {
  const res = await call(s, "POST", "/backtests", who, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.jobId as string;
}

async function job(s: Served, id: string) {
  return (await call(s, "GET", `/jobs/${id}`, "viewer")).body;
}

async function waitFor(
  s: Served,
  id: string,
  done: (j: Record<string, unknown>) => boolean,
  timeoutMs = 90_000,
): Promise<Record<string, unknown>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const current = await job(s, id);
    if (done(current)) return current;
    if (Date.now() > end) throw new Error(`job ${id} stuck: ${JSON.stringify(current)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const finished = (j: Record<string, unknown>) =>
  ["succeeded", "failed", "cancelled", "interrupted"].includes(j.status as string);

const submittedFiles = (specs: string) =>
  readdirSync(specs).filter((n) => n.startsWith(".submitted-"));

beforeAll(async () => {
  model = await trainedArtifact();
  for (const [subject, role] of [
    ["r1", "researcher"],
    ["r2", "researcher"],
    ["r3", "researcher"],
    ["viewer", "viewer"],
    ["admin", "admin"],
  ] as const) {
    auth[subject] = { authorization: `Bearer ${await createToken(secret, { subject, role })}` };
  }
}, 120_000);

afterAll(async () => {
  for (const s of servers) {
    await s.jobs.drain();
    await s.close();
  }
  for (const root of [...roots, model]) rmSync(root, { recursive: true, force: true });
});

describe("jobs run off the serving process, with limits", () => {
  it("cancels a runaway job with DELETE (submitter only) while predict keeps answering", async () => {
    const s = await serve({ workers: 1 });
    const id = await submit(s, "r1", { spec: fixture("runaway-agent.yaml") });
    expect(submittedFiles(s.specs)).toHaveLength(1);
    const running = await waitFor(s, id, (j) => j.status === "running" && j.runId !== undefined);

    // The server answers a prediction while the job is training.
    const predict = await call(s, "POST", "/models/cart/predict", "viewer", {
      observation: [0.01, -0.02, 0.03, 0.01],
    });
    expect(predict.status).toBe(200);
    expect((await job(s, id)).status).toBe("running");

    expect((await call(s, "DELETE", `/jobs/${id}`, "r2")).status).toBe(403);
    expect((await call(s, "DELETE", `/jobs/${id}`, "viewer")).status).toBe(403);
    expect((await call(s, "DELETE", "/jobs/no-such-job", "r1")).status).toBe(404);
    const cancel = await call(s, "DELETE", `/jobs/${id}`, "r1");
    expect(cancel.status).toBe(202);
    const done = await waitFor(s, id, finished);
    expect(done).toMatchObject({ status: "cancelled", cancelledBy: "r1" });
    expect((await call(s, "DELETE", `/jobs/${id}`, "r1")).status).toBe(409);

    // The worker got SIGTERM: its run stopped at a safe point and is marked interrupted.
    const record = JSON.parse(
      readFileSync(join(s.runs, running.runId as string, "run.json"), "utf8"),
    ) as { status: string };
    expect(record.status).toBe("interrupted");
    expect(submittedFiles(s.specs)).toEqual([]);

    const audit = readFileSync(s.auditFile, "utf8")
      .trim()
      .split("\n")
      .map(
        (l) => JSON.parse(l) as { method: string; path: string; status: number; subject?: string },
      );
    const deletes = audit.filter((e) => e.method === "DELETE" && e.path === `/jobs/${id}`);
    expect(deletes.map((e) => [e.subject, e.status])).toEqual([
      ["r2", 403],
      ["viewer", 403],
      ["r1", 202],
      ["r1", 409],
    ]);
  }, 120_000);

  it("refuses a queue flood: 429 past the per-user cap, 503 past the global cap; queued jobs cancel at once", async () => {
    const s = await serve({ workers: 1, max_queued_per_user: 2, max_queued: 2 });
    const runaway = await submit(s, "r1", { spec: fixture("runaway-agent.yaml") });
    const queued1 = await submit(s, "r1", { spec: fixture("quick-strategy.yaml") });
    const flood = await call(s, "POST", "/backtests", "r1", {
      spec: fixture("quick-strategy.yaml"),
    });
    expect(flood.status).toBe(429);
    expect(flood.body.error).toBe("too_many_jobs");
    const queued2 = await submit(s, "r2", { specFile: "quick-strategy.yaml" });
    const full = await call(s, "POST", "/backtests", "r3", { specFile: "quick-strategy.yaml" });
    expect(full.status).toBe(503);
    expect(full.body.error).toBe("queue_full");
    // Only the accepted inline specs are on disk (the refused one was never kept).
    expect(submittedFiles(s.specs)).toHaveLength(2);

    // An admin may cancel anyone's job; queued jobs are dropped at once.
    const c1 = await call(s, "DELETE", `/jobs/${queued1}`, "admin");
    expect(c1.status).toBe(200);
    expect(c1.body).toMatchObject({ status: "cancelled", cancelledBy: "admin" });
    expect((await call(s, "DELETE", `/jobs/${queued2}`, "r2")).status).toBe(200);
    expect((await call(s, "DELETE", `/jobs/${runaway}`, "r1")).status).toBe(202);
    expect(await waitFor(s, runaway, finished)).toMatchObject({ status: "cancelled" });
    expect(submittedFiles(s.specs)).toEqual([]);
  }, 120_000);

  it("stops a runaway job at the wall-time limit", async () => {
    const s = await serve({ max_wall_seconds: 3, kill_grace_ms: 1000 });
    const id = await submit(s, "r1", { specFile: "runaway-agent.yaml" });
    const done = await waitFor(s, id, finished);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/ran longer than 3 s/);
  }, 90_000);

  it("reports an invalid spec's diagnostics with workspace-relative paths and no absolute path", async () => {
    const s = await serve({}, (specs) =>
      writeFileSync(join(specs, ".submitted-stale.yaml"), "x: 1\n"),
    );
    // A stale submitted spec of an earlier server is removed at start.
    expect(submittedFiles(s.specs)).toEqual([]);
    const id = await submit(s, "r1", { spec: fixture("invalid.yaml") });
    const done = await waitFor(s, id, finished);
    expect(done.status).toBe("failed");
    const error = done.error as string;
    // An inline spec is named `spec` (the server's temp file is nobody's business).
    expect(error).toMatch(/^spec\s+\/backtset\s+unknown key/m);
    expect(error).not.toContain(".submitted-");
    expect(error).not.toContain(s.root);
    expect(error).not.toMatch(/(^|[\s'"(])\/(tmp|home|root|proc|etc|work|usr)\//);
    expect(submittedFiles(s.specs)).toEqual([]);
  }, 90_000);
});
