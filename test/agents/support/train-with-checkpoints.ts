/**
 * Child process for the resume-after-kill test: trains PPO on CartPole with a
 * checkpoint every 256 steps into argv[2], resuming when one exists, then
 * prints the training summary as JSON (also the uninterrupted reference run).
 */
import { createAlgorithmRegistry } from "../../../runtime/agents/algos/registry.js";
import { initBackend } from "../../../runtime/agents/backend/init-backend.js";
import { createCartPole } from "../../../runtime/agents/envs/cartpole.js";
import { discrete } from "../../../runtime/agents/envs/spaces.js";
import { trainAgent } from "../../../runtime/agents/training/trainer.js";

async function main(): Promise<void> {
  const dir = process.argv[2]!;
  const total = Number(process.argv[3] ?? 4096);
  await initBackend("cpu");
  const agent = createAlgorithmRegistry()
    .get("ppo")
    .create({
      observationSize: 4,
      actionSpace: discrete(2),
      hyperparameters: { n_steps: 128, batch_size: 64, n_epochs: 2, normalize: true },
      seed: 3,
      makeEnv: (i) => createCartPole(i),
    });
  const summary = await trainAgent(agent, {
    totalTimesteps: total,
    checkpointDir: dir,
    checkpointFreq: 256,
    resume: true,
    metricsPath: `${dir}/metrics.jsonl`,
  });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

void main();
