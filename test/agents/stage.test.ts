import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAgent } from "../../runtime/agents/io/load-agent.js";
import { createAgentSignalStage } from "../../runtime/agents/stage.js";
import { isUserError } from "../../runtime/core/errors.js";
import type { OhlcvPanel } from "../../runtime/contracts/panel.js";
import { panelDataset } from "../support/panel-dataset.js";
import { withDefaults } from "../support/spec-values.js";
import { spyMarket, testFeatures } from "./support/market-fixture.js";
import { testRunContext } from "./support/run-context.js";

/** The agent section as written; `section` is it as a loaded spec holds it (defaults filled). */
const written = {
  type: "ppo",
  backend: "auto",
  env: { type: "single_asset", symbol: "SPY", window: 2, episode_length: 128, cost_pct: 0.0005 },
  total_timesteps: 1024,
  hyperparameters: { n_steps: 256, batch_size: 64, n_epochs: 2, normalize: true },
  training: { eval_freq: 512 },
  evaluation: { episodes: 2 },
};
const section = withDefaults("agent", written);

async function runStage(panel: OhlcvPanel) {
  const m = spyMarket();
  const ctx = testRunContext(7);
  const out = await createAgentSignalStage(section).run(ctx, {
    data: panelDataset(panel, m.segments),
    features: testFeatures(panel),
  });
  return { out, ctx };
}

describe("agent signal stage", () => {
  it("trains, saves, evaluates and emits reproducible target weights without look-ahead", async () => {
    const m = spyMarket();
    const a = await runStage(m.panel);
    const bars = m.panel.timestamps.length;
    expect(a.out.weights).toHaveLength(1);
    expect(a.out.weights[0]).toHaveLength(bars);
    expect(new Set(a.out.weights[0])).toEqual(
      new Set([...a.out.weights[0]!].filter((w) => [-1, 0, 1].includes(w))),
    );
    expect(a.out.symbols).toEqual(["SPY"]);
    expect(a.out.evaluation.verdict).toMatch(/agent (beat|did NOT beat)/);
    expect(a.out.evaluation.perSeed).toHaveLength(1);
    expect(a.out.evaluation.train.n).toBe(2);
    expect(a.out.training.timesteps).toBe(1024);
    const dir = a.ctx.artifacts.dir;
    expect(existsSync(join(a.out.modelDir, "model.json"))).toBe(true);
    const lines = readFileSync(join(dir, "metrics.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === "train")).toHaveLength(4);
    expect(lines.filter((l) => l.type === "eval").length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(readFileSync(join(dir, "backend.json"), "utf8")).name).toBe(
      a.out.backend.name,
    );

    // Same seed and data → identical signal and metrics.
    const b = await runStage(m.panel);
    expect(b.out.weights).toEqual(a.out.weights);
    expect(b.out.metrics).toEqual(a.out.metrics);

    // Perturb prices after a cut inside the test segment: nothing decided up to the cut may change.
    const cut = m.segments.test.start + 100;
    const close = Float64Array.from(m.panel.close[0]!);
    for (let t = cut + 1; t < bars; t++) close[t] = close[t]! * (1 + 0.2 * Math.cos(t));
    const c = await runStage({ ...m.panel, close: [close] });
    expect(Array.from(c.out.weights[0]!.subarray(0, cut + 1))).toEqual(
      Array.from(a.out.weights[0]!.subarray(0, cut + 1)),
    );

    // The saved model reproduces the stage's policy.
    const { agent } = await loadAgent(a.out.modelDir);
    expect(agent.numTimesteps).toBe(1024);
  });

  it("reports spec problems as UserErrors with paths and suggestions", () => {
    const bad = (patch: Record<string, unknown>) => {
      try {
        createAgentSignalStage(withDefaults("agent", { ...written, ...patch }));
      } catch (error) {
        if (isUserError(error)) return error.diagnostics[0]!;
        throw error;
      }
      throw new Error("no error");
    };
    const typo = bad({ type: "ppo2" });
    expect(typo.path).toBe("/agent/type");
    expect(typo.message).toMatch(/did you mean "ppo"/);
    expect(bad({ env: { type: "single_aset" } }).message).toMatch(/did you mean "single_asset"/);
    expect(bad({ env: { type: "cartpole" } }).path).toBe("/agent/env/type");
  });
});
