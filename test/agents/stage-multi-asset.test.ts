import { describe, expect, it } from "vitest";
import { createAgentSignalStage } from "../../runtime/agents/stage.js";
import { panelDataset } from "../support/panel-dataset.js";
import { withDefaults } from "../support/spec-values.js";
import { readDow30 } from "./support/dow30.js";
import { testFeatures, testSegments } from "./support/market-fixture.js";
import { testRunContext } from "./support/run-context.js";

const panel = readDow30(["AA", "KO", "IBM", "GE", "MSFT"]);
const input = {
  data: panelDataset(panel, testSegments(panel.timestamps.length)),
  features: testFeatures(panel),
};

describe("agent stage on multi-asset envs", () => {
  it.each([
    {
      type: "td3",
      env: { type: "multi_stock", hmax: 100, turbulence_threshold: 50, episode_length: 100 },
      total_timesteps: 300,
      hyperparameters: {
        net_arch: [32, 32],
        learning_starts: 100,
        batch_size: 32,
        normalize: true,
        log_interval: 100,
      },
    },
    {
      type: "ppo",
      env: { type: "portfolio", window: 2, episode_length: 64 },
      total_timesteps: 256,
      hyperparameters: { n_steps: 128, batch_size: 64, n_epochs: 1, normalize: true },
    },
  ])("$type on $env.type produces valid weights for every symbol", async (section) => {
    const out = await createAgentSignalStage(
      withDefaults("agent", { ...section, evaluation: { episodes: 1 } }),
    ).run(testRunContext(5), input);
    expect(out.weights).toHaveLength(5);
    const test = input.data.segments.test;
    for (let t = test.start; t < test.end; t += 17) {
      let gross = 0;
      for (const w of out.weights) {
        expect(w[t]).toBeGreaterThanOrEqual(0);
        gross += w[t]!;
      }
      expect(gross).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(out.training.timesteps).toBe(section.total_timesteps);
    expect(out.evaluation.comparison.agent.stats.sharpeRatio).toEqual(expect.any(Number));
  });
});
