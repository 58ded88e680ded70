/**
 * Small PPO and A2C agents on CartPole-v1 for the exact-resume tests: two env
 * copies, observation and reward normalisation on, tiny networks, so a few
 * hundred steps take about a second and checkpoints fall mid-episode.
 */
import type { Agent } from "../../../runtime/agents/algos/agent.js";
import { createAlgorithmRegistry } from "../../../runtime/agents/algos/registry.js";
import { createCartPole } from "../../../runtime/agents/envs/cartpole.js";
import { discrete } from "../../../runtime/agents/envs/spaces.js";

export type OnPolicyAlgo = "ppo" | "a2c";

const hyperparameters: Record<OnPolicyAlgo, Record<string, unknown>> = {
  // 2 × 64 = 128 steps per rollout; linear learning-rate and clip schedules.
  ppo: {
    n_steps: 64,
    n_envs: 2,
    batch_size: 32,
    n_epochs: 2,
    normalize: true,
    net_arch: [16, 16],
    learning_rate: "lin_3e-3",
    clip_range: "lin_0.2",
    ent_coef: 0.01,
  },
  // 2 × 8 = 16 steps per rollout.
  a2c: { n_steps: 8, n_envs: 2, normalize: true, net_arch: [16, 16], ent_coef: 0.01 },
};

export function makeOnPolicyAgent(algo: OnPolicyAlgo, seed = 8): Agent {
  return createAlgorithmRegistry()
    .get(algo)
    .create({
      observationSize: 4,
      actionSpace: discrete(2),
      hyperparameters: hyperparameters[algo],
      seed,
      makeEnv: (i) => createCartPole(i),
    });
}
