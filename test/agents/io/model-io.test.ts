import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAlgorithmRegistry } from "../../../runtime/agents/algos/registry.js";
import { type BackendName, initBackend } from "../../../runtime/agents/backend/init-backend.js";
import { tf } from "../../../runtime/agents/backend/tf.js";
import { createCartPole } from "../../../runtime/agents/envs/cartpole.js";
import { createPendulum } from "../../../runtime/agents/envs/pendulum.js";
import { discrete } from "../../../runtime/agents/envs/spaces.js";
import { loadAgent } from "../../../runtime/agents/io/load-agent.js";
import { loadSnapshot, saveSnapshot } from "../../../runtime/agents/io/model-io.js";

const probeObservations = (n: number, size: number): Float64Array[] =>
  Array.from({ length: n }, (_, i) =>
    Float64Array.from({ length: size }, (_, j) => Math.sin(i * 7 + j) * (j + 1)),
  );

describe.each(["cpu", "wasm"] as const)("model save/load on the %s backend", (preference) => {
  it("restores weights, optimizer state and normalisation; predictions are bit-identical", async () => {
    const info = await initBackend(preference);
    expect(info.name).toBe(preference as BackendName);
    const agent = createAlgorithmRegistry()
      .get("ppo")
      .create({
        observationSize: 4,
        actionSpace: discrete(2),
        hyperparameters: { n_steps: 64, batch_size: 32, n_epochs: 1, normalize: true },
        seed: 11,
        makeEnv: (i) => createCartPole(i),
      });
    await agent.learn(128);
    const dir = mkdtempSync(join(tmpdir(), "drlwb-model-"));
    await saveSnapshot(dir, agent.snapshot(), { note: "test" });
    const manifest = JSON.parse(readFileSync(join(dir, "model.json"), "utf8"));
    expect(manifest.modelTopology.algo).toBe("ppo");
    expect(
      manifest.weightsManifest[0].weights.some((w: { group: string }) => w.group === "optimizer"),
    ).toBe(true);
    const { agent: loaded, metadata } = await loadAgent(dir);
    expect(metadata).toEqual({ note: "test" });
    const before = agent.snapshot();
    const after = loaded.snapshot();
    expect(after.weights).toEqual(before.weights);
    expect(after.optimizers).toEqual(before.optimizers);
    expect(after.observationStats).toEqual(before.observationStats);
    expect(after.numTimesteps).toBe(128);
    // Typed-array policy (acting) and tfjs forward pass (training graph) both reproduce exactly.
    for (const obs of probeObservations(50, 4))
      expect(loaded.predict(obs)).toBe(agent.predict(obs));
    const pi = (a: typeof agent) => {
      const w = a.snapshot().weights.filter((x) => x.name.startsWith("pi/"));
      return tf.tidy(() => {
        let h: tf.Tensor = tf.tensor2d(
          probeObservations(8, 4).flatMap((o) => Array.from(o)),
          [8, 4],
        );
        for (let l = 0; l < w.length; l += 2) {
          h = tf.add(
            tf.matMul(h, tf.tensor(w[l]!.values, w[l]!.shape)),
            tf.tensor(w[l + 1]!.values, w[l + 1]!.shape),
          );
          if (l + 2 < w.length) h = tf.tanh(h);
        }
        return Array.from(h.dataSync());
      });
    };
    expect(pi(loaded)).toEqual(pi(agent));
    agent.dispose();
    loaded.dispose();
  });
});

describe("model IO of continuous policies", () => {
  it("round-trips a Gaussian policy's log_std and keeps deterministic actions identical", async () => {
    await initBackend("cpu");
    const agent = createAlgorithmRegistry()
      .get("ppo")
      .create({
        observationSize: 3,
        actionSpace: createPendulum().actionSpace,
        hyperparameters: { n_steps: 64, batch_size: 64, n_epochs: 1 },
        seed: 4,
        makeEnv: (i) => createPendulum(i),
      });
    await agent.learn(64);
    const dir = mkdtempSync(join(tmpdir(), "drlwb-model-"));
    await saveSnapshot(dir, agent.snapshot());
    const { snapshot } = await loadSnapshot(dir);
    expect(snapshot.weights.find((w) => w.name === "log_std")).toBeDefined();
    const { agent: loaded } = await loadAgent(dir);
    for (const obs of probeObservations(20, 3)) {
      expect(Array.from(loaded.predict(obs) as Float64Array)).toEqual(
        Array.from(agent.predict(obs) as Float64Array),
      );
    }
  });
});
