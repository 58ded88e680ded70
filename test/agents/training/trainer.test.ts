import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createAlgorithmRegistry } from "../../../runtime/agents/algos/registry.js";
import { initBackend } from "../../../runtime/agents/backend/init-backend.js";
import { createCartPole } from "../../../runtime/agents/envs/cartpole.js";
import { discrete } from "../../../runtime/agents/envs/spaces.js";
import { trainAgent } from "../../../runtime/agents/training/trainer.js";

beforeAll(async () => {
  await initBackend("cpu");
});

const agent = () =>
  createAlgorithmRegistry()
    .get("ppo")
    .create({
      observationSize: 4,
      actionSpace: discrete(2),
      hyperparameters: { n_steps: 64, batch_size: 64, n_epochs: 1 },
      seed: 2,
      makeEnv: (i) => createCartPole(i),
    });

describe("trainer", () => {
  it("stops early after `patience` evaluations without improvement and restores the best weights", async () => {
    const a = agent();
    const scores = [1, 3, 2, 2.5, 2.9, 10];
    let calls = 0;
    let bestWeights: unknown = null;
    const updates: number[] = [];
    const summary = await trainAgent(a, {
      totalTimesteps: 64 * 20,
      evaluate: () => {
        const score = scores[calls++]!;
        if (score === 3) bestWeights = a.snapshot().weights;
        return score;
      },
      evalFreq: 64,
      earlyStopping: { patience: 3, minDelta: 0 },
      restoreBest: true,
      progress: { start() {}, update: (done) => updates.push(done), finish() {} },
    });
    expect(summary.stoppedBy).toBe("early_stopping");
    expect(summary.evaluations.map((e) => e.score)).toEqual([1, 3, 2, 2.5, 2.9]);
    expect(summary.bestScore).toBe(3);
    expect(summary.bestTimesteps).toBe(128);
    expect(summary.timesteps).toBe(320);
    expect(a.snapshot().weights).toEqual(bestWeights);
    expect(updates.at(-1)).toBe(320);
  });

  it("writes one JSONL record per iteration with losses and throughput", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drlwb-metrics-"));
    const path = join(dir, "metrics.jsonl");
    const summary = await trainAgent(agent(), { totalTimesteps: 192, metricsPath: path });
    const lines = readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.timesteps)).toEqual([64, 128, 192]);
    for (const l of lines) {
      expect(l.type).toBe("train");
      expect(Number.isFinite(l.policy_loss)).toBe(true);
      expect(Number.isFinite(l.value_loss)).toBe(true);
      expect(l.steps_per_second).toBeGreaterThan(0);
    }
    expect(summary.stoppedBy).toBe("total_timesteps");
  });
});
