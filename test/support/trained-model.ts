import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initBackend } from "../../runtime/agents/backend/init-backend.js";
import { createAlgorithmRegistry } from "../../runtime/agents/algos/registry.js";
import { createCartPole } from "../../runtime/agents/envs/cartpole.js";
import { discrete } from "../../runtime/agents/envs/spaces.js";
import { saveSnapshot } from "../../runtime/agents/io/model-io.js";

/**
 * A real, briefly trained PPO policy on CartPole-v1, saved as a registry
 * artifact folder (model/ + risk.json), for server and registry tests.
 * `maxAbsWeight` adds a position_limits risk rule to the artifact.
 */
export async function trainedArtifact(
  options: { steps?: number; maxAbsWeight?: number } = {},
): Promise<string> {
  await initBackend("cpu");
  const agent = createAlgorithmRegistry()
    .get("ppo")
    .create({
      observationSize: 4,
      actionSpace: discrete(2),
      hyperparameters: { n_steps: 64, batch_size: 32, n_epochs: 2 },
      seed: 7,
      makeEnv: (i) => createCartPole(100 + i),
    });
  await agent.learn(options.steps ?? 128);
  const dir = mkdtempSync(join(tmpdir(), "drlwb-model-"));
  mkdirSync(dir, { recursive: true });
  await saveSnapshot(join(dir, "model"), agent.snapshot(), {
    section: { type: "ppo", env: { type: "cartpole" } },
  });
  agent.dispose();
  if (options.maxAbsWeight !== undefined) {
    writeFileSync(
      join(dir, "risk.json"),
      JSON.stringify({
        rules: [{ type: "position_limits", max_position: options.maxAbsWeight }],
        symbols: ["ASSET"],
        periodsPerYear: 252,
      }),
    );
  }
  return dir;
}
