import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Agent } from "../../../runtime/agents/algos/agent.js";
import { createAlgorithmRegistry } from "../../../runtime/agents/algos/registry.js";
import { initBackend } from "../../../runtime/agents/backend/init-backend.js";
import { createCartPole } from "../../../runtime/agents/envs/cartpole.js";
import { discrete } from "../../../runtime/agents/envs/spaces.js";
import { type TrainOptions, trainAgent } from "../../../runtime/agents/training/trainer.js";
import { reproducibleMetrics } from "../support/off-policy-resume.js";

beforeAll(async () => {
  await initBackend("cpu");
});

const makeAgent = (): Agent =>
  createAlgorithmRegistry()
    .get("ppo")
    .create({
      observationSize: 4,
      actionSpace: discrete(2),
      hyperparameters: { n_steps: 64, batch_size: 64, n_epochs: 1 },
      seed: 2,
      makeEnv: (i) => createCartPole(i),
    });

/**
 * Evaluation score by step, so a resumed run sees the same scores: best at 128,
 * then three evaluations without improvement (patience 3) stop the run at 320.
 * The checkpoint at 256 falls between them (two evaluations without improvement).
 */
const SCORES: Record<number, number> = { 64: 1, 128: 3, 192: 2, 256: 2.5, 320: 2.9 };
const score = (agent: Agent): number => SCORES[agent.numTimesteps] ?? 10;

function options(agent: Agent, dir: string, onEvaluate?: () => void): TrainOptions {
  return {
    totalTimesteps: 64 * 20,
    evaluate: () => {
      onEvaluate?.();
      return score(agent);
    },
    evalFreq: 64,
    earlyStopping: { patience: 3, minDelta: 0 },
    restoreBest: true,
    checkpointDir: join(dir, "ckpt"),
    checkpointFreq: 128,
    metricsPath: join(dir, "metrics.jsonl"),
    resume: true,
  };
}

const weightBits = (agent: Agent): string[] =>
  agent
    .snapshot()
    .weights.map((w) => Buffer.from(new Float32Array(w.values).buffer).toString("hex"));

/** Trains uninterrupted into `whole`; `killed` gets a copy of the run folder as a kill at step 320 leaves it. */
async function uninterruptedAndKilled() {
  const whole = mkdtempSync(join(tmpdir(), "drlwb-evalresume-"));
  const killed = mkdtempSync(join(tmpdir(), "drlwb-evalresume-"));
  const agent = makeAgent();
  const summary = await trainAgent(
    agent,
    options(agent, whole, () => {
      if (agent.numTimesteps === 320) cpSync(whole, killed, { recursive: true });
    }),
  );
  const bits = weightBits(agent);
  agent.dispose();
  return { whole, killed, summary, bits };
}

async function resume(dir: string) {
  const agent = makeAgent();
  const summary = await trainAgent(agent, options(agent, dir));
  const bits = weightBits(agent);
  agent.dispose();
  return { summary, bits };
}

describe("evaluation state across a resume", () => {
  it("early stopping patience, the schedule and the best model continue after a kill", async () => {
    const a = await uninterruptedAndKilled();
    expect(a.summary.stoppedBy).toBe("early_stopping");
    expect(a.summary.timesteps).toBe(320);
    const saved = JSON.parse(readFileSync(join(a.killed, "ckpt", "checkpoint.json"), "utf8"));
    expect(saved.timesteps).toBe(256);
    expect(saved.evaluation).toMatchObject({
      sinceImprovement: 2,
      nextEval: 320,
      nextCheckpoint: 384,
      best: { score: 3, timesteps: 128, model: "best-step-0000000128" },
    });
    const b = await resume(a.killed);
    expect(b.summary.resumedFrom).toBe(256);
    expect(b.summary.stoppedBy).toBe("early_stopping");
    expect(b.summary.timesteps).toBe(a.summary.timesteps);
    expect(b.summary.evaluations).toEqual(a.summary.evaluations);
    expect(b.summary.bestScore).toBe(3);
    expect(b.summary.bestTimesteps).toBe(128);
    // restore_best put back the weights of step 128, read from the checkpoint's best snapshot.
    expect(b.bits).toEqual(a.bits);
    expect(reproducibleMetrics(join(a.killed, "metrics.jsonl"))).toEqual(
      reproducibleMetrics(join(a.whole, "metrics.jsonl")),
    );
  }, 60_000);

  it("without the saved evaluation state the resumed run stops elsewhere (the comparison can fail)", async () => {
    const a = await uninterruptedAndKilled();
    const file = join(a.killed, "ckpt", "checkpoint.json");
    const { evaluation: _dropped, ...older } = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify(older));
    const b = await resume(a.killed);
    expect(b.summary.timesteps).not.toBe(a.summary.timesteps);
    expect(b.summary.bestTimesteps).not.toBe(128);
    expect(b.bits).not.toEqual(a.bits);
  }, 60_000);
});
