import { beforeAll, describe, expect, it } from "vitest";
import type { Agent } from "../../../runtime/agents/algos/agent.js";
import { createAlgorithmRegistry } from "../../../runtime/agents/algos/registry.js";
import { initBackend } from "../../../runtime/agents/backend/init-backend.js";
import type { Env } from "../../../runtime/agents/envs/env.js";
import { box, discrete } from "../../../runtime/agents/envs/spaces.js";
import { createRng } from "../../../runtime/core/rng.js";

beforeAll(async () => {
  await initBackend("auto");
});

/** One-step task: observe a target c ∈ [−1, 1], reward −(a − c)². The optimal policy is a = c. */
function targetEnv(seed: number): Env {
  let rng = createRng(seed);
  let c = 0;
  const obs = new Float64Array(1);
  return {
    id: "Target-v0",
    observationSpace: box(-1, 1, 1),
    actionSpace: box(-1, 1, 1),
    reset(s) {
      if (s !== undefined) rng = createRng(s);
      c = 2 * rng.next() - 1;
      obs[0] = c;
      return { obs, info: {} };
    },
    step(action) {
      const a = (action as Float64Array)[0]!;
      return { obs, reward: -((a - c) ** 2), terminated: true, truncated: false, info: {} };
    },
  };
}

/** One-step discrete task: observe s ∈ {−1, 1}, reward 1 for action (s > 0 ? 1 : 0). */
function signEnv(seed: number): Env {
  let rng = createRng(seed);
  const obs = new Float64Array(1);
  return {
    id: "Sign-v0",
    observationSpace: box(-1, 1, 1),
    actionSpace: discrete(2),
    reset(s) {
      if (s !== undefined) rng = createRng(s);
      obs[0] = rng.next() < 0.5 ? -1 : 1;
      return { obs, info: {} };
    },
    step(action) {
      return {
        obs,
        reward: action === (obs[0]! > 0 ? 1 : 0) ? 1 : 0,
        terminated: true,
        truncated: false,
        info: {},
      };
    },
  };
}

function make(
  algo: string,
  env: (seed: number) => Env,
  hyperparameters: Record<string, unknown>,
  seed = 1,
): Agent {
  const probe = env(0);
  return createAlgorithmRegistry()
    .get(algo)
    .create({
      observationSize: probe.observationSpace.size,
      actionSpace: probe.actionSpace,
      hyperparameters,
      seed,
      makeEnv: (i) => env(100 + i),
    });
}

function targetError(agent: Agent): number {
  let total = 0;
  for (let k = 0; k <= 20; k++) {
    const c = -1 + k / 10;
    total += Math.abs((agent.predict(Float64Array.of(c)) as Float64Array)[0]! - c);
  }
  return total / 21;
}

const small = { net_arch: [32, 32], batch_size: 64, learning_starts: 100, log_interval: 100 };

describe.each(["sac", "td3", "ddpg"])("%s", (algo) => {
  it("learns a continuous control map (mean |a − c| shrinks) and is deterministic", async () => {
    const hp = { ...small, learning_rate: 3e-3 };
    const agent = make(algo, targetEnv, hp);
    const before = targetError(agent);
    await agent.learn(500);
    const after = targetError(agent);
    expect(after).toBeLessThan(0.5 * before);
    expect(after).toBeLessThan(0.25);
    agent.dispose();
    // Determinism on a shorter run past learning_starts: identical weights and optimizer state.
    const [a, b] = [make(algo, targetEnv, hp), make(algo, targetEnv, hp)];
    await a.learn(160);
    await b.learn(160);
    expect(b.snapshot().weights).toEqual(a.snapshot().weights);
    expect(b.snapshot().optimizers).toEqual(a.snapshot().optimizers);
    a.dispose();
    b.dispose();
  });
});

describe("dqn", () => {
  it("learns a discrete contextual bandit with double and dueling Q and is deterministic", async () => {
    const hp = {
      ...small,
      learning_rate: 3e-3,
      train_freq: 1,
      target_update_interval: 50,
      exploration_fraction: 0.5,
      exploration_final_eps: 0.05,
      dueling: true,
      double_q: true,
    };
    const agent = make("dqn", signEnv, hp);
    await agent.learn(600);
    expect(agent.predict(Float64Array.of(1))).toBe(1);
    expect(agent.predict(Float64Array.of(-1))).toBe(0);
    const [a, b] = [make("dqn", signEnv, hp), make("dqn", signEnv, hp)];
    await a.learn(200);
    await b.learn(200);
    expect(b.snapshot().weights).toEqual(a.snapshot().weights);
  });

  it("refuses continuous action spaces and unknown hyperparameters", () => {
    expect(() => make("dqn", targetEnv, {})).toThrow(/discrete/);
    expect(() => make("sac", targetEnv, { ent_coef: "sometimes" })).toThrow(
      /\/ent_coef "sometimes" does not match the pattern \^auto\(_/,
    );
    expect(() => make("td3", targetEnv, { policy_dely: 2 })).toThrow(/policy_dely/);
  });
});
