/**
 * A failed `POST /backtests` job reports the spec's diagnostics (issue 15):
 * `GET /jobs/:id` carries `diagnostics` — file relative to the workspace,
 * line:col, JSON pointer, message, hint — for a spec refused at validation
 * and for one that failed while running; an inline spec is named `spec` (the
 * request's field), never by the server's temporary `.submitted-…` file, and
 * nothing names a server path. Real server on loopback, real worker processes.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../../runtime/registry/index.js";
import { createApp } from "../../../server/app.js";
import { createToken } from "../../../server/auth/jwt.js";
import type { JobPool } from "../../../server/jobs/job-pool.js";
import { listen } from "../../support/http-server.js";
import { testServerConfig } from "../../support/server-config.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-job-diagnostics-"));
const secret = new TextEncoder().encode("d".repeat(40));
let url = "";
let close = async () => {};
let jobs: JobPool;
let headers: Record<string, string> = {};

beforeAll(async () => {
  const loaded = testServerConfig(root, { jobs: { workers: 2, worker_priority: 0 } });
  // A spec that validates but fails in the data stage: its train segment has no bars.
  writeFileSync(
    join(loaded.workspace.specs, "empty-segment.yaml"),
    [
      "name: empty-segment",
      "seed: 1",
      "data: { source: bundled, name: goog }",
      "segments:",
      "  train: { start: 1990-01-01, end: 1991-01-01 }",
      "  test: { start: 2011-01-03, end: 2013-03-01 }",
      "strategy: { type: sma_crossover, fast: 10, slow: 20 }",
      "",
    ].join("\n"),
  );
  const app = createApp({
    registry: new ModelRegistry(loaded.workspace.registry),
    secret,
    ...loaded,
    loadPredictor: async () => {
      throw new Error("this test serves no models");
    },
  });
  jobs = app.jobs;
  ({ url, close } = await listen(app.app));
  headers = {
    authorization: `Bearer ${await createToken(secret, { subject: "ann", role: "researcher" })}`,
    "content-type": "application/json",
  };
});
afterAll(async () => {
  await jobs.drain();
  await close();
  rmSync(root, { recursive: true, force: true });
});

interface JobView {
  status: string;
  error?: string;
  diagnostics?: {
    file: string;
    line?: number;
    col?: number;
    path: string;
    message: string;
    hint?: string;
  }[];
}

async function failedJob(body: unknown): Promise<{ job: JobView; text: string }> {
  const res = await fetch(`${url}/backtests`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
  const { jobId } = (await res.json()) as { jobId: string };
  for (;;) {
    const text = await (await fetch(`${url}/jobs/${jobId}`, { headers })).text();
    const job = JSON.parse(text) as JobView;
    if (!["queued", "running"].includes(job.status)) {
      expect(text).not.toContain(root);
      expect(text).not.toContain(".submitted-");
      expect(job.status, text).toBe("failed");
      return { job, text };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("a failed backtest job", () => {
  it("lists an inline spec's problems by pointer and hint, naming the spec `spec`", async () => {
    const { job, text } = await failedJob({
      spec: {
        name: "typo",
        seed: 1,
        data: { source: "bundled", name: "goog" },
        segments: {
          train: { start: "2004-08-19", end: "2008-12-31" },
          test: { start: "2011-01-03", end: "2013-03-01" },
        },
        strategy: { type: "sma_crossover", fats: 10, slow: 20 },
      },
    });
    expect(job.diagnostics, text).toEqual([
      {
        file: "spec",
        path: "/strategy/fats",
        message: 'unknown key "fats"',
        hint: 'did you mean "fast"?',
        severity: "error",
      },
    ]);
    expect(job.error).toContain('spec  /strategy/fats  unknown key "fats" (did you mean "fast"?)');
  }, 120_000);

  it("places a problem found while running at the spec file's line:col, relative to the workspace", async () => {
    const { job, text } = await failedJob({ specFile: "empty-segment.yaml" });
    expect(job.diagnostics, text).toHaveLength(1);
    expect(job.diagnostics?.[0]).toMatchObject({
      file: "specs/empty-segment.yaml",
      line: 5,
      col: 3,
      path: "/segments/train",
    });
    expect(job.diagnostics?.[0]?.message).toContain("contains no bars");
    expect(job.error).toContain("specs/empty-segment.yaml:5:3  /segments/train");
  }, 120_000);
});
