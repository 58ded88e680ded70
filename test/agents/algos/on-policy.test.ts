import { beforeAll, describe, expect, it } from "vitest";
import type { Agent, IterationReport } from "../../../runtime/agents/algos/agent.js";
import { createAlgorithmRegistry } from "../../../runtime/agents/algos/registry.js";
import { initBackend } from "../../../runtime/agents/backend/init-backend.js";
import { createCartPole } from "../../../runtime/agents/envs/cartpole.js";
import { createPendulum } from "../../../runtime/agents/envs/pendulum.js";
import { discrete } from "../../../runtime/agents/envs/spaces.js";
import { UserError } from "../../../runtime/core/errors.js";

beforeAll(async () => {
  await initBackend("auto");
});

function cartPoleAgent(algo: string, hyperparameters: Record<string, unknown>, seed = 1): Agent {
  return createAlgorithmRegistry()
    .get(algo)
    .create({
      observationSize: 4,
      actionSpace: discrete(2),
      hyperparameters,
      seed,
      makeEnv: (i) => createCartPole(i),
    });
}

async function trainAndTrace(agent: Agent, steps: number): Promise<IterationReport[]> {
  const reports: IterationReport[] = [];
  await agent.learn(steps, {
    onIteration(r) {
      reports.push(r);
      return undefined;
    },
  });
  return reports;
}

const meanReturn = (reports: readonly IterationReport[]): number => {
  const eps = reports.flatMap((r) => r.episodes.map((e) => e.return));
  return eps.reduce((s, v) => s + v, 0) / eps.length;
};

describe("PPO", () => {
  it("learns on CartPole-v1: episode returns improve within 6k steps", async () => {
    const agent = cartPoleAgent("ppo", {
      n_steps: 512,
      batch_size: 64,
      n_epochs: 4,
      learning_rate: 1e-3,
    });
    const reports = await trainAndTrace(agent, 6144);
    const early = meanReturn(reports.slice(0, 2));
    const late = meanReturn(reports.slice(-2));
    expect(late).toBeGreaterThan(early * 1.5);
    agent.dispose();
  });

  it("is deterministic: same seed → identical weights and losses; another seed differs", async () => {
    const hp = { n_steps: 128, batch_size: 32, n_epochs: 2, n_envs: 2, normalize: true };
    const a = cartPoleAgent("ppo", hp, 5);
    const b = cartPoleAgent("ppo", hp, 5);
    const c = cartPoleAgent("ppo", hp, 6);
    const ra = await trainAndTrace(a, 512);
    const rb = await trainAndTrace(b, 512);
    await trainAndTrace(c, 512);
    expect(rb.map((r) => r.losses)).toEqual(ra.map((r) => r.losses));
    const wa = a.snapshot().weights;
    expect(b.snapshot().weights).toEqual(wa);
    expect(c.snapshot().weights).not.toEqual(wa);
    expect(a.snapshot().observationStats).toEqual(b.snapshot().observationStats);
    for (const x of [a, b, c]) x.dispose();
  });

  it("rejects unknown hyperparameters with the valid names", () => {
    let thrown: unknown;
    try {
      cartPoleAgent("ppo", { n_step: 128 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).diagnostics).toEqual([
      expect.objectContaining({
        path: "/n_step",
        message: 'ppo has no hyperparameter "n_step"',
        hint: 'did you mean "n_steps"?',
      }),
    ]);
  });

  it("acts in continuous spaces within the box (Pendulum)", async () => {
    const env = createPendulum(0);
    const agent = createAlgorithmRegistry()
      .get("ppo")
      .create({
        observationSize: 3,
        actionSpace: env.actionSpace,
        hyperparameters: { n_steps: 64, batch_size: 32, n_epochs: 1 },
        seed: 2,
        makeEnv: (i) => createPendulum(i),
      });
    await agent.learn(128);
    const { obs } = env.reset(1);
    for (let k = 0; k < 20; k++) {
      const a = agent.predict(obs, false) as Float64Array;
      expect(Math.abs(a[0]!)).toBeLessThanOrEqual(2);
    }
    agent.dispose();
  });
});

describe("A2C", () => {
  it("learns on CartPole-v1 with RMSprop and n_steps 5", async () => {
    const agent = cartPoleAgent("a2c", { n_envs: 4, learning_rate: 1e-3 }, 3);
    const reports = await trainAndTrace(agent, 6000);
    const early = meanReturn(reports.slice(0, 60));
    const late = meanReturn(reports.slice(-60));
    expect(late).toBeGreaterThan(early * 1.3);
    agent.dispose();
  });
});
