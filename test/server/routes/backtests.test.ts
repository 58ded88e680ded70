/**
 * Backtest jobs over HTTP (server/routes/backtests.ts, server/submitted-spec.ts): an inline spec
 * and a spec file of the workspace run in real worker processes to a run the runs routes show;
 * the submitted spec file is removed afterwards; job ids, spec file names, who may cancel and
 * what can still be cancelled are checked; every call is audited.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../../runtime/registry/index.js";
import { createApp } from "../../../server/app.js";
import { createToken } from "../../../server/auth/jwt.js";
import type { JobPool } from "../../../server/jobs/job-pool.js";
import { listen } from "../../support/http-server.js";
import { testServerConfig } from "../../support/server-config.js";

const fixtures = new URL("../../fixtures/specs/jobs/", import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), "drlwb-backtests-route-"));
const secret = new TextEncoder().encode("b".repeat(40));
const auth = new Map<string, Record<string, string>>();
let url = "";
let close = async () => {};
let jobs: JobPool;
let specsDir = "";
let auditFile = "";

beforeAll(async () => {
  const loaded = testServerConfig(root, { jobs: { workers: 1, worker_priority: 0 } });
  specsDir = loaded.workspace.specs;
  cpSync(fixtures, specsDir, { recursive: true });
  auditFile = join(root, "audit.log");
  const app = createApp({
    registry: new ModelRegistry(loaded.workspace.registry),
    secret,
    ...loaded,
    auditFile,
    loadPredictor: async () => {
      throw new Error("this test serves no models");
    },
  });
  jobs = app.jobs;
  ({ url, close } = await listen(app.app));
  for (const [who, role] of [
    ["ann", "researcher"],
    ["bob", "researcher"],
    ["boss", "admin"],
    ["val", "viewer"],
  ] as const)
    auth.set(who, {
      authorization: `Bearer ${await createToken(secret, { subject: who, role })}`,
    });
});
afterAll(async () => {
  await jobs.drain();
  await close();
  rmSync(root, { recursive: true, force: true });
});

async function call(method: string, path: string, who: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...auth.get(who),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  expect(text, `${method} ${path}`).not.toContain(root);
  return { status: res.status, location: res.headers.get("location"), body: JSON.parse(text) };
}

async function finished(id: string): Promise<Record<string, unknown>> {
  for (;;) {
    const { body } = await call("GET", `/jobs/${id}`, "val");
    if (["succeeded", "failed", "cancelled", "interrupted"].includes(body.status)) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const submitted = () => readdirSync(specsDir).filter((name) => name.startsWith(".submitted-"));
const quick = () => parse(readFileSync(join(fixtures, "quick-strategy.yaml"), "utf8")) as unknown;

describe("POST /backtests", () => {
  it("runs an inline spec in a worker to a run the runs routes show, then removes the spec file", async () => {
    const res = await call("POST", "/backtests", "ann", { spec: quick(), seed: 11 });
    expect(res.status).toBe(202);
    expect(res.body.status).toMatch(/^(queued|running)$/);
    expect(res.location).toBe(`/jobs/${res.body.jobId}`);
    const job = await finished(res.body.jobId);
    expect(job).toMatchObject({ status: "succeeded", submittedBy: "ann", kind: "backtest" });
    const runId = job.runId as string;
    expect((job.result as { runId: string }).runId).toBe(runId);
    const run = await call("GET", `/runs/${runId}`, "val");
    expect(run.body).toMatchObject({ id: runId, name: "job-quick", seed: 11, status: "complete" });
    expect(submitted()).toEqual([]);
  }, 120_000);

  it("runs a spec file of the workspace's specs folder", async () => {
    const res = await call("POST", "/backtests", "bob", { specFile: "quick-strategy.yaml" });
    expect(res.status).toBe(202);
    expect(await finished(res.body.jobId)).toMatchObject({ status: "succeeded" });
    expect(readdirSync(specsDir)).toContain("quick-strategy.yaml");
  }, 120_000);

  it("refuses spec file names that are not plain relative .yaml names (400) and missing ones (404)", async () => {
    for (const specFile of ["../secret.yaml", ".submitted-x.yaml", "/etc/passwd", "notes.txt"]) {
      const res = await call("POST", "/backtests", "ann", { specFile });
      expect(res.status, specFile).toBe(400);
      expect(res.body.error, specFile).toBe("invalid_body");
      expect(res.body.message, specFile).toMatch(/^\/specFile /);
    }
    // A well-formed name whose file resolves outside the specs folder (a link) is refused too.
    symlinkSync(join(fixtures, "quick-strategy.yaml"), join(specsDir, "linked.yaml"));
    const linked = await call("POST", "/backtests", "ann", { specFile: "linked.yaml" });
    expect(linked.status).toBe(400);
    expect(linked.body.message).toMatch(/^\/specFile must name a \.yaml file inside/);
    const missing = await call("POST", "/backtests", "ann", { specFile: "nope.yaml" });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: "not_found" });
  });

  it("checks the body against BacktestRequest and needs the researcher role", async () => {
    expect((await call("POST", "/backtests", "ann", { seed: 1 })).status).toBe(400);
    expect(
      (await call("POST", "/backtests", "ann", { specFile: "a.yaml", seed: 1.5 })).status,
    ).toBe(400);
    expect((await call("POST", "/backtests", "val", { specFile: "a.yaml" })).status).toBe(403);
    expect(submitted()).toEqual([]);
  });
});

describe("GET and DELETE /jobs/:id", () => {
  it("answers 400 to what is not a job id and 404 to an unknown one", async () => {
    expect((await call("GET", "/jobs/not_an.id", "val")).status).toBe(400);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await call("GET", `/jobs/${unknown}`, "val")).status).toBe(404);
    expect((await call("DELETE", `/jobs/${unknown}`, "ann")).status).toBe(404);
    expect((await call("DELETE", "/jobs/-x", "ann")).status).toBe(400);
  });

  it("lets the submitter or an admin cancel, nobody else; a finished job cannot be cancelled", async () => {
    const running = (await call("POST", "/backtests", "ann", { specFile: "runaway-agent.yaml" }))
      .body.jobId as string;
    const queued = (await call("POST", "/backtests", "ann", { specFile: "quick-strategy.yaml" }))
      .body.jobId as string;
    const other = await call("DELETE", `/jobs/${queued}`, "bob");
    expect(other.status).toBe(403);
    const cancelled = await call("DELETE", `/jobs/${queued}`, "boss");
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", cancelledBy: "boss" });
    expect((await call("DELETE", `/jobs/${queued}`, "ann")).status).toBe(409);

    const stopping = await call("DELETE", `/jobs/${running}`, "ann");
    expect([200, 202]).toContain(stopping.status);
    expect(await finished(running)).toMatchObject({ status: "cancelled", cancelledBy: "ann" });
  }, 120_000);

  it("audits each state-changing call with its outcome", () => {
    const lines = readFileSync(auditFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.event === undefined);
    expect(
      lines.filter((l) => l.method === "POST" && l.path === "/backtests").length,
    ).toBeGreaterThan(5);
    expect(lines).toContainEqual(
      expect.objectContaining({
        subject: "bob",
        method: "DELETE",
        status: 403,
        outcome: "refused",
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ subject: "boss", method: "DELETE", status: 200, outcome: "ok" }),
    );
  });
});
