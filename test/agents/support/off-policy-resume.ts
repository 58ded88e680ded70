/**
 * Small off-policy agents for the exact-resume tests: DQN on CartPole-v1,
 * SAC / TD3 / DDPG on Pendulum-v1 (200-step episodes, so checkpoints fall
 * mid-episode), with tiny networks so a few hundred steps take seconds.
 */
import { readFileSync } from "node:fs";
import type { Agent } from "../../../runtime/agents/algos/agent.js";
import { createAlgorithmRegistry } from "../../../runtime/agents/algos/registry.js";
import { createCartPole } from "../../../runtime/agents/envs/cartpole.js";
import { createPendulum } from "../../../runtime/agents/envs/pendulum.js";
import { box, discrete } from "../../../runtime/agents/envs/spaces.js";

export type OffPolicyAlgo = "dqn" | "sac" | "td3" | "ddpg";

const common = { batch_size: 32, learning_starts: 64, log_interval: 50, net_arch: [16, 16] };

const hyperparameters: Record<OffPolicyAlgo, Record<string, unknown>> = {
  // buffer_size below the step count: the checkpointed buffer has wrapped around.
  dqn: {
    ...common,
    buffer_size: 256,
    train_freq: 2,
    target_update_interval: 100,
    exploration_fraction: 0.5,
  },
  sac: { ...common, normalize: true },
  td3: { ...common, train_freq: 2 },
  ddpg: { ...common, train_freq: 2 },
};

export function makeOffPolicyAgent(algo: OffPolicyAlgo, seed = 5): Agent {
  const discreteEnv = algo === "dqn";
  return createAlgorithmRegistry()
    .get(algo)
    .create({
      observationSize: discreteEnv ? 4 : 3,
      actionSpace: discreteEnv ? discrete(2) : box(-2, 2, 1),
      hyperparameters: hyperparameters[algo],
      seed,
      makeEnv: (i) => (discreteEnv ? createCartPole(i) : createPendulum(i)),
    });
}

/** The metrics log without its wall-clock field (steps/s is the only non-reproducible figure). */
export function reproducibleMetrics(path: string): Record<string, unknown>[] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) => {
      const { steps_per_second: _wall, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return rest;
    });
}
