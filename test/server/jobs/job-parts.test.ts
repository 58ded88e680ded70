/**
 * The job pool's parts (server/jobs/worker-protocol.ts, folder-size.ts, job.ts): messages from
 * and to a worker are checked field by field, a run folder's size is counted without following
 * links and stops early past the limit, and which statuses are final.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { folderBytes } from "../../../server/jobs/folder-size.js";
import { isFinished } from "../../../server/jobs/job.js";
import { parseRunMessage, parseWorkerMessage } from "../../../server/jobs/worker-protocol.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-job-parts-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("worker messages", () => {
  it("accepts the three worker messages with their fields, dropping anything else", () => {
    expect(parseWorkerMessage({ type: "started", runId: "r", runDir: "/d", extra: 1 })).toEqual({
      type: "started",
      runId: "r",
      runDir: "/d",
    });
    expect(parseWorkerMessage({ type: "finished", runId: "r", status: "complete" })).toEqual({
      type: "finished",
      runId: "r",
      status: "complete",
      metrics: null,
    });
    expect(
      parseWorkerMessage({
        type: "finished",
        runId: "r",
        status: "failed",
        metrics: {},
        error: "x",
      }),
    ).toEqual({ type: "finished", runId: "r", status: "failed", metrics: {}, error: "x" });
    expect(parseWorkerMessage({ type: "failed", error: "bad spec" })).toEqual({
      type: "failed",
      error: "bad spec",
    });
  });

  it("refuses malformed worker messages", () => {
    for (const bad of [
      null,
      "started",
      [],
      { type: "started", runId: "r" },
      { type: "finished", runId: 1, status: "complete" },
      { type: "failed" },
      { type: "other", error: "x" },
    ])
      expect(parseWorkerMessage(bad), JSON.stringify(bad)).toBeUndefined();
  });

  it("accepts a run message with a file and plain options only", () => {
    expect(
      parseRunMessage({ type: "run", task: { file: "a.yaml", options: { seed: 1 } } }),
    ).toEqual({
      type: "run",
      task: { file: "a.yaml", options: { seed: 1 } },
    });
    for (const bad of [
      { type: "run" },
      { type: "run", task: { file: 1, options: {} } },
      { type: "run", task: { file: "a.yaml", options: [] } },
      { type: "stop", task: { file: "a.yaml", options: {} } },
    ])
      expect(parseRunMessage(bad), JSON.stringify(bad)).toBeUndefined();
  });
});

describe("folderBytes", () => {
  it("sums files recursively, counting links as themselves, never their targets", () => {
    const dir = join(root, "run");
    mkdirSync(join(dir, "a", "b"), { recursive: true });
    writeFileSync(join(dir, "x.bin"), Buffer.alloc(100));
    writeFileSync(join(dir, "a", "y.bin"), Buffer.alloc(200));
    writeFileSync(join(dir, "a", "b", "z.bin"), Buffer.alloc(300));
    const big = join(root, "big.bin");
    writeFileSync(big, Buffer.alloc(1_000_000));
    symlinkSync(big, join(dir, "a", "link"));
    const link = big.length; // a symlink's size is the length of its target path
    expect(folderBytes(dir)).toBe(600 + link);
    expect(folderBytes(join(root, "missing"))).toBe(0);
  });

  it("stops counting once past the limit", () => {
    const dir = join(root, "many");
    mkdirSync(dir);
    for (let i = 0; i < 50; i++) writeFileSync(join(dir, `${i}.bin`), Buffer.alloc(10));
    const counted = folderBytes(dir, 25);
    expect(counted).toBeGreaterThan(25);
    expect(counted).toBeLessThanOrEqual(30);
  });
});

describe("job statuses", () => {
  it("are final once succeeded, failed, cancelled or interrupted", () => {
    expect(["queued", "running"].map((s) => isFinished(s as "queued"))).toEqual([false, false]);
    expect(
      (["succeeded", "failed", "cancelled", "interrupted"] as const).map((s) => isFinished(s)),
    ).toEqual([true, true, true, true]);
  });
});
