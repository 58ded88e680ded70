import { rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ResumeState } from "../../../runtime/agents/algos/agent.js";
import { initBackend } from "../../../runtime/agents/backend/init-backend.js";
import { trainAgent } from "../../../runtime/agents/training/trainer.js";
import { UserError } from "../../../runtime/core/errors.js";
import { reproducibleMetrics } from "../support/off-policy-resume.js";
import { makeOnPolicyAgent, type OnPolicyAlgo } from "../support/on-policy-resume.js";
import {
  interruptedRun,
  type ResumePlan,
  resumeTempDir,
  stateBits,
  uninterruptedRun,
  weightBits,
} from "../support/resume-runs.js";

beforeAll(async () => {
  await initBackend("cpu");
});

/** Total steps, checkpoint interval and the checkpoint the first run stops at (rollout multiples). */
const PLAN: Record<OnPolicyAlgo, ResumePlan> = {
  ppo: { total: 512, every: 128, stopAt: 256 },
  a2c: { total: 256, every: 64, stopAt: 128 },
};

const _tempDir = resumeTempDir;
const uninterrupted = (algo: OnPolicyAlgo) =>
  uninterruptedRun(() => makeOnPolicyAgent(algo), PLAN[algo]);
const interrupted = (algo: OnPolicyAlgo, tamper?: (modelDir: string) => void) =>
  interruptedRun(() => makeOnPolicyAgent(algo), PLAN[algo], tamper);

describe("on-policy resume is bit-identical to an uninterrupted run", () => {
  it.each(["ppo", "a2c"] as const)(
    "%s: weights, optimizer state, normalisation statistics, episodes in progress and metrics",
    async (algo) => {
      const a = await uninterrupted(algo);
      const b = await interrupted(algo);
      // The checkpoint fell inside episodes, so the env copies were rebuilt by replay.
      const meta = b.saved!.meta as { episodes: { length: number }[]; rng: { state: number[] } };
      expect(meta.episodes.some((e) => e.length > 0)).toBe(true);
      // The sampling stream has moved on from where a new agent's starts.
      const fresh = makeOnPolicyAgent(algo);
      const start = (fresh.resumeState!().meta as { rng: { state: number[] } }).rng.state;
      fresh.dispose();
      expect(meta.rng.state).toHaveLength(4);
      expect(meta.rng.state).not.toEqual(start);
      expect(weightBits(b.agent)).toEqual(weightBits(a.agent));
      const sa = a.agent.snapshot();
      const sb = b.agent.snapshot();
      expect(sb.optimizers).toEqual(sa.optimizers);
      expect(sb.observationStats).toEqual(sa.observationStats);
      expect(sb.rewardStats).toEqual(sa.rewardStats);
      expect(sb.counters).toEqual(sa.counters);
      const ra = a.agent.resumeState!();
      const rb = b.agent.resumeState!();
      expect(stateBits(rb)).toEqual(stateBits(ra));
      expect(rb.meta).toEqual(ra.meta);
      expect(reproducibleMetrics(join(b.dir, "metrics.jsonl"))).toEqual(
        reproducibleMetrics(join(a.dir, "metrics.jsonl")),
      );
      a.agent.dispose();
      b.agent.dispose();
    },
    30_000,
  );

  it("without the saved resume state the resumed run differs (the comparison can fail)", async () => {
    const a = await uninterrupted("ppo");
    const b = await interrupted("ppo", (modelDir) => {
      rmSync(join(modelDir, "resume"), { recursive: true });
    });
    expect(weightBits(b.agent)).not.toEqual(weightBits(a.agent));
    expect(reproducibleMetrics(join(b.dir, "metrics.jsonl"))).not.toEqual(
      reproducibleMetrics(join(a.dir, "metrics.jsonl")),
    );
    a.agent.dispose();
    b.agent.dispose();
  }, 30_000);
});

describe("on-policy resume state checks", () => {
  async function trainedState(): Promise<ResumeState> {
    const agent = makeOnPolicyAgent("ppo");
    await trainAgent(agent, { totalTimesteps: 128 });
    const state = agent.resumeState!();
    agent.dispose();
    return state;
  }

  it("refuses to continue when the replayed episodes miss the saved observations", async () => {
    const state = await trainedState();
    const observations = Float64Array.from(state.arrays.observations!);
    observations[1] = observations[1]! + 1e-12;
    const agent = makeOnPolicyAgent("ppo");
    agent.restoreResumeState!({ meta: state.meta, arrays: { ...state.arrays, observations } });
    const failure = agent.learn(256);
    await expect(failure).rejects.toThrow(/env copy 0 replayed from the checkpoint/);
    await expect(failure).rejects.toBeInstanceOf(UserError);
    await expect(failure).rejects.toMatchObject({
      diagnostics: [{ path: "/agent/env", hint: expect.stringMatching(/resume: false/) }],
    });
    agent.dispose();
  });

  it("refuses a checkpoint taken with another number of env copies", async () => {
    const state = await trainedState();
    const a2c = makeOnPolicyAgent("a2c");
    const meta = { ...state.meta, episodes: [], lastDones: [] };
    let caught: unknown;
    try {
      a2c.restoreResumeState!({ meta, arrays: state.arrays });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    const error = caught as UserError;
    expect(error.message).toMatch(/taken with 0 env copies, this agent runs 2/);
    expect(error.diagnostics[0]).toMatchObject({
      path: "/agent/hyperparameters/n_envs",
      hint: expect.stringMatching(/set n_envs: 0 to resume, or delete checkpoint_dir/),
      severity: "error",
    });
    a2c.dispose();
  });

  it("saves nothing to rebuild before the first rollout", () => {
    const agent = makeOnPolicyAgent("a2c");
    const state = agent.resumeState!();
    expect(state.meta).toMatchObject({ started: false });
    // The sampling stream is where a new agent's starts: nothing has been drawn.
    const again = makeOnPolicyAgent("a2c");
    expect(state.meta.rng).toEqual(again.resumeState!().meta.rng);
    again.dispose();
    expect(state.arrays.observations).toBeUndefined();
    agent.dispose();
  });
});
