import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EnsembleWindow } from "../../runtime/agents/ensemble.js";
import { createAgentSignalStage } from "../../runtime/agents/stage.js";
import { panelDataset } from "../support/panel-dataset.js";
import { withDefaults } from "../support/spec-values.js";
import { spyMarket } from "./support/market-fixture.js";
import { testRunContext } from "./support/run-context.js";

describe("FinRL-style ensemble", () => {
  it("trains every algorithm per window and trades the best validation Sharpe", async () => {
    const m = spyMarket();
    const segments = {
      train: { start: 0, end: 1500 },
      valid: { start: 1500, end: 1700 },
      test: { start: 1700, end: 1900 },
    };
    const section = withDefaults("agent", {
      type: "ppo",
      env: { type: "single_asset", window: 1, episode_length: 64 },
      total_timesteps: 256,
      ensemble: {
        algorithms: ["ppo", "a2c"],
        window: 100,
        validation_window: 100,
        hyperparameters: { ppo: { n_steps: 128, batch_size: 64, n_epochs: 1 }, a2c: { n_envs: 2 } },
      },
      evaluation: { episodes: 1 },
    });
    const ctx = testRunContext(3);
    const out = await createAgentSignalStage(section).run(ctx, {
      data: panelDataset(m.panel, segments),
      features: m.features,
    });
    const windows = JSON.parse(
      readFileSync(join(ctx.artifacts.dir, "ensemble.json"), "utf8"),
    ) as EnsembleWindow[];
    expect(windows.map((w) => w.trade)).toEqual([
      { start: 1700, end: 1800 },
      { start: 1800, end: 1900 },
    ]);
    for (const w of windows) {
      expect(Object.keys(w.sharpe).sort()).toEqual(["a2c", "ppo"]);
      const best = Object.entries(w.sharpe).sort((a, b) => b[1] - a[1])[0]![0];
      expect(w.chosen).toBe(best);
      expect(w.validation.end).toBe(w.trade.start);
      expect(w.train.end).toBe(w.validation.start);
    }
    const weights = out.weights[0]!;
    expect(Number.isNaN(weights[1699]!)).toBe(true);
    for (let t = 1700; t < 1900; t++) expect([-1, 0, 1]).toContain(weights[t]);
    expect(out.evaluation.verdict).toMatch(/agent/);
  });
});
