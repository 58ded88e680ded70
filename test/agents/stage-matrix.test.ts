/**
 * Every algorithm on every trading environment whose action space it supports,
 * through the agent stage as a spec declares it (tiny budgets: this proves the
 * wiring — training, evaluation and causal target weights — not learning).
 */
import { describe, expect, it } from "vitest";
import { createAgentSignalStage } from "../../runtime/agents/stage.js";
import { isUserError } from "../../runtime/core/errors.js";
import { panelDataset } from "../support/panel-dataset.js";
import { withDefaults } from "../support/spec-values.js";
import { readDow30 } from "./support/dow30.js";
import { testFeatures, testSegments } from "./support/market-fixture.js";
import { testRunContext } from "./support/run-context.js";

const panel = readDow30(["AA", "KO", "IBM"]);
const input = {
  data: panelDataset(panel, testSegments(panel.timestamps.length)),
  features: testFeatures(panel),
};

const envs = {
  single_asset: { type: "single_asset", symbol: "KO", window: 2, episode_length: 64 },
  multi_stock: { type: "multi_stock", hmax: 100, episode_length: 64 },
  portfolio: { type: "portfolio", window: 2, episode_length: 64 },
} as const;
const supported: Record<string, readonly (keyof typeof envs)[]> = {
  ppo: ["single_asset", "multi_stock", "portfolio"],
  a2c: ["single_asset", "multi_stock", "portfolio"],
  dqn: ["single_asset"],
  sac: ["multi_stock", "portfolio"],
  td3: ["multi_stock", "portfolio"],
  ddpg: ["multi_stock", "portfolio"],
};
const hyperparameters: Record<string, Record<string, unknown>> = {
  ppo: { n_steps: 64, batch_size: 32, n_epochs: 1 },
  a2c: { n_steps: 8 },
  dqn: { learning_starts: 64, batch_size: 32, train_freq: 16, net_arch: [16, 16] },
  sac: { learning_starts: 64, batch_size: 32, net_arch: [16, 16] },
  td3: { learning_starts: 64, batch_size: 32, net_arch: [16, 16] },
  ddpg: { learning_starts: 64, batch_size: 32, net_arch: [16, 16] },
};
const pairs = Object.entries(supported).flatMap(([type, list]) =>
  list.map((env) => ({ type, env })),
);

describe("each algorithm on each trading environment it supports", () => {
  it.each(pairs)("$type on $env", { timeout: 60_000 }, async ({ type, env }) => {
    const section = withDefaults("agent", {
      type,
      env: envs[env],
      total_timesteps: 128,
      hyperparameters: hyperparameters[type],
      evaluation: { episodes: 1 },
    });
    const out = await createAgentSignalStage(section).run(testRunContext(3), input);
    expect(out.training.timesteps).toBe(128);
    expect(out.weights).toHaveLength(3);
    const test = input.data.segments.test;
    for (const w of out.weights) {
      for (let t = test.start; t < test.end; t++) expect(Number.isFinite(w[t]!)).toBe(true);
    }
    expect(out.evaluation.comparison.agent.stats.sharpeRatio).toEqual(expect.any(Number));
  });

  it("an algorithm on an action space it cannot act in is a spec error with a hint", () => {
    for (const [type, env] of [
      ["dqn", "portfolio"],
      ["sac", "single_asset"],
    ] as const) {
      try {
        createAgentSignalStage(
          withDefaults("agent", { type, env: envs[env], total_timesteps: 128 }),
        );
        expect.unreachable();
      } catch (error) {
        expect(isUserError(error)).toBe(true);
      }
    }
  });
});
