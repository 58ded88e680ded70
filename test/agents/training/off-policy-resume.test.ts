import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../../runtime/agents/backend/init-backend.js";
import { checkpointModelDir, trainAgent } from "../../../runtime/agents/training/trainer.js";
import { UserError } from "../../../runtime/core/errors.js";
import {
  makeOffPolicyAgent,
  type OffPolicyAlgo,
  reproducibleMetrics,
} from "../support/off-policy-resume.js";
import {
  bits,
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

const PLAN: ResumePlan = { total: 400, every: 150, stopAt: 300 };

const tempDir = resumeTempDir;
const uninterrupted = (algo: OffPolicyAlgo) =>
  uninterruptedRun(() => makeOffPolicyAgent(algo), PLAN);
const interrupted = (algo: OffPolicyAlgo, tamper?: (modelDir: string) => void) =>
  interruptedRun(() => makeOffPolicyAgent(algo), PLAN, tamper);

describe("off-policy resume is bit-identical to an uninterrupted run", () => {
  it.each(["dqn", "sac", "td3", "ddpg"] as const)(
    "%s: weights, optimizer state, replay buffer and metrics",
    async (algo) => {
      const a = await uninterrupted(algo);
      const b = await interrupted(algo);
      // The checkpoint fell inside an episode, so the env state was rebuilt by replay.
      const episode = (b.saved!.meta as { episode: { length: number } }).episode;
      expect(episode.length).toBeGreaterThan(0);
      if (algo === "dqn") {
        // buffer_size 256 < 300 steps: the saved buffer had wrapped around.
        expect(b.saved!.meta).toMatchObject({ buffer: { full: true, position: 300 - 256 } });
      }
      expect(weightBits(b.agent)).toEqual(weightBits(a.agent));
      expect(b.agent.snapshot().optimizers).toEqual(a.agent.snapshot().optimizers);
      const sa = a.agent.resumeState!();
      const sb = b.agent.resumeState!();
      expect(stateBits(sb)).toEqual(stateBits(sa));
      expect(sb.meta).toEqual(sa.meta);
      expect(reproducibleMetrics(join(b.dir, "metrics.jsonl"))).toEqual(
        reproducibleMetrics(join(a.dir, "metrics.jsonl")),
      );
      a.agent.dispose();
      b.agent.dispose();
    },
    60_000,
  );

  it("without the saved replay buffer the resumed run differs (the comparison can fail)", async () => {
    const a = await uninterrupted("dqn");
    const b = await interrupted("dqn", (modelDir) => {
      rmSync(join(modelDir, "resume"), { recursive: true });
    });
    expect(weightBits(b.agent)).not.toEqual(weightBits(a.agent));
    a.agent.dispose();
    b.agent.dispose();
  }, 60_000);

  it("refuses a damaged replay file with a user error naming it", async () => {
    const dir = tempDir();
    const agent = makeOffPolicyAgent("dqn");
    await trainAgent(agent, { totalTimesteps: 200, checkpointDir: dir, checkpointFreq: 100 });
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    const file = join(checkpointModelDir(copy), "resume", "replay_obs.f32");
    const bytes = readFileSync(file);
    bytes[7] = bytes[7]! ^ 1;
    writeFileSync(file, bytes);
    await expect(
      trainAgent(makeOffPolicyAgent("dqn"), {
        totalTimesteps: 300,
        checkpointDir: copy,
        resume: true,
      }),
    ).rejects.toThrow(/replay_obs\.f32 is damaged \(SHA-256/);
  }, 30_000);
});

describe("resume state checks", () => {
  it("refuses a replay buffer of another observation size", async () => {
    const dqn = makeOffPolicyAgent("dqn");
    await trainAgent(dqn, { totalTimesteps: 100 });
    const sac = makeOffPolicyAgent("sac");
    expect(() => sac.restoreResumeState!(dqn.resumeState!())).toThrow(
      /observations of 4 and actions of 1 values; this agent has 3 and 1/,
    );
    expect(() => sac.restoreResumeState!(dqn.resumeState!())).toThrow(UserError);
    dqn.dispose();
    sac.dispose();
  });
});

describe("DQN target network", () => {
  it("stays a frozen copy between hard updates on the cpu backend (no storage shared with the online net)", async () => {
    // target_update_interval 100: the last hard copy is at step 300, training continues to 350.
    const agent = makeOffPolicyAgent("dqn");
    await trainAgent(agent, { totalTimesteps: 350 });
    const w = Object.fromEntries(agent.snapshot().weights.map((x) => [x.name, bits(x.values)]));
    expect(w["q_target/q/0"]).not.toBe(w["q_net/q/0"]);
    agent.dispose();
  });
});
