import { cpSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAlgorithmRegistry } from "../../../runtime/agents/algos/registry.js";
import { initBackend } from "../../../runtime/agents/backend/init-backend.js";
import { createCartPole } from "../../../runtime/agents/envs/cartpole.js";
import { discrete } from "../../../runtime/agents/envs/spaces.js";
import {
  checkpointModelDir,
  readCheckpointTimesteps,
  trainAgent,
} from "../../../runtime/agents/training/trainer.js";
import { reproducibleMetrics } from "../support/off-policy-resume.js";
import { runTrainingChild } from "../support/training-child.js";

const script = fileURLToPath(new URL("../support/train-with-checkpoints.ts", import.meta.url));
const TOTAL = 4096;
const KILL_AT = 1024;

const tempDir = (): string => mkdtempSync(join(tmpdir(), "drlwb-ckpt-"));
const read = (dir: string, file: string): Buffer =>
  readFileSync(join(checkpointModelDir(dir), file));

describe("checkpoints", () => {
  it("ppo killed (SIGKILL) after a checkpoint and resumed in a new process finishes bit-identical to an uninterrupted run", async () => {
    const reference = tempDir();
    const dir = tempDir();
    const [whole, killed] = await Promise.all([
      runTrainingChild(script, [reference, String(TOTAL)], reference),
      runTrainingChild(script, [dir, String(TOTAL)], dir, KILL_AT),
    ]);
    expect(whole.code).toBe(0);
    expect(killed.signal).toBe("SIGKILL");
    const at = readCheckpointTimesteps(dir)!;
    expect(at).toBeGreaterThanOrEqual(KILL_AT);
    expect(at).toBeLessThan(TOTAL);
    const resumed = await runTrainingChild(script, [dir, String(TOTAL)], dir);
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.out.trim().split("\n").at(-1)!);
    expect(summary.resumedFrom).toBe(at);
    expect(summary.timesteps).toBe(TOTAL);
    expect(readCheckpointTimesteps(dir)).toBe(TOTAL);
    // Weights and optimizer state (one binary), then the model's normalisation statistics and
    // counters, then the resume state (sampling-stream position, episodes in progress).
    expect(read(dir, "weights.bin").equals(read(reference, "weights.bin"))).toBe(true);
    const json = (d: string, file: string) => JSON.parse(read(d, file).toString("utf8"));
    expect(json(dir, "model.json")).toEqual(json(reference, "model.json"));
    expect(json(dir, "resume/resume.json")).toEqual(json(reference, "resume/resume.json"));
    // The metrics log continues across the kill as if nothing happened (wall-clock steps/s aside).
    expect(reproducibleMetrics(join(dir, "metrics.jsonl"))).toEqual(
      reproducibleMetrics(join(reference, "metrics.jsonl")),
    );
  }, 120_000);

  it("resuming the same checkpoint twice gives identical weights", async () => {
    await initBackend("cpu");
    const make = () =>
      createAlgorithmRegistry()
        .get("ppo")
        .create({
          observationSize: 4,
          actionSpace: discrete(2),
          hyperparameters: { n_steps: 128, batch_size: 64, n_epochs: 1 },
          seed: 8,
          makeEnv: (i) => createCartPole(i),
        });
    const base = tempDir();
    await trainAgent(make(), { totalTimesteps: 256, checkpointDir: base, checkpointFreq: 128 });
    const copies = [tempDir(), tempDir()];
    const weights = [];
    for (const copy of copies) {
      cpSync(base, copy, { recursive: true });
      const agent = make();
      const summary = await trainAgent(agent, {
        totalTimesteps: 512,
        checkpointDir: copy,
        resume: true,
      });
      expect(summary.resumedFrom).toBe(256);
      weights.push(agent.snapshot().weights);
    }
    expect(weights[1]).toEqual(weights[0]);
    expect(existsSync(join(base, "checkpoint.json"))).toBe(true);
  });
});
