import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  checkpointModelDir,
  readCheckpointTimesteps,
} from "../../../runtime/agents/training/trainer.js";
import { reproducibleMetrics } from "../support/off-policy-resume.js";
import { runTrainingChild } from "../support/training-child.js";

const script = fileURLToPath(
  new URL("../support/train-off-policy-with-checkpoints.ts", import.meta.url),
);
const TOTAL = 1200;
const EVERY = 100;
const KILL_AT = 300;

const tempDir = (): string => mkdtempSync(join(tmpdir(), "drlwb-offpolicy-kill-"));
const read = (dir: string, file: string): Buffer =>
  readFileSync(join(checkpointModelDir(dir), file));

describe("off-policy checkpoints survive SIGKILL", () => {
  it("dqn killed after a checkpoint and resumed in a new process ends bit-identical to an uninterrupted run", async () => {
    const reference = tempDir();
    const dir = tempDir();
    const args = (d: string) => [d, "dqn", String(TOTAL), String(EVERY)];
    const [whole, killed] = await Promise.all([
      runTrainingChild(script, args(reference), reference),
      runTrainingChild(script, args(dir), dir, KILL_AT),
    ]);
    expect(whole.code).toBe(0);
    expect(killed.signal).toBe("SIGKILL");
    const at = readCheckpointTimesteps(dir)!;
    expect(at).toBeGreaterThanOrEqual(KILL_AT);
    expect(at).toBeLessThan(TOTAL);
    const resumed = await runTrainingChild(script, args(dir), dir);
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.out.trim().split("\n").at(-1)!);
    expect(summary.resumedFrom).toBe(at);
    expect(summary.timesteps).toBe(TOTAL);
    // Weights and optimizer state (one binary), then the replay buffer, RNG position and episode.
    expect(read(dir, "weights.bin").equals(read(reference, "weights.bin"))).toBe(true);
    const manifest = (d: string) => JSON.parse(read(d, "resume/resume.json").toString("utf8"));
    expect(manifest(dir)).toEqual(manifest(reference));
    expect(
      read(dir, "resume/replay_obs.f32").equals(read(reference, "resume/replay_obs.f32")),
    ).toBe(true);
    // The metrics log continues across the kill as if nothing happened (wall-clock steps/s aside).
    expect(reproducibleMetrics(join(dir, "metrics.jsonl"))).toEqual(
      reproducibleMetrics(join(reference, "metrics.jsonl")),
    );
  }, 120_000);
});
