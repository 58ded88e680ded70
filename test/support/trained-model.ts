import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initBackend } from "../../runtime/agents/backend/init-backend.js";
import { createAlgorithmRegistry } from "../../runtime/agents/algos/registry.js";
import { createCartPole } from "../../runtime/agents/envs/cartpole.js";
import { discrete } from "../../runtime/agents/envs/spaces.js";
import { saveSnapshot } from "../../runtime/agents/io/model-io.js";
import type { ApiModelSignature } from "../../runtime/spec/types.generated.js";

/**
 * A real, briefly trained PPO policy on CartPole-v1, saved as a registry
 * artifact folder (model/, signature.json, risk.json), for server and registry tests.
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
  const signature: ApiModelSignature = {
    format: 1,
    kind: "agent",
    source: "ppo",
    symbols: ["ASSET"],
    observation: { dtype: "float64", shape: [4], window: 1, layout: [], normalized: false },
    action: {
      space: { kind: "discrete", n: 2 },
      transform: "identity",
      description: "a CartPole action",
    },
    outputs: { weights: ["ASSET"], cash: true, description: "the action as a weight" },
    env: { type: "cartpole", state: [] },
    risk: {
      rules: options.maxAbsWeight !== undefined ? ["position_limits"] : [],
      dependsOn: [],
    },
  };
  writeFileSync(join(dir, "signature.json"), JSON.stringify(signature));
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
