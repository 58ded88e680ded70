import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveHyperparameters } from "../../../runtime/agents/algos/algorithm-hyperparameters.js";
import { createAlgorithmRegistry } from "../../../runtime/agents/algos/registry.js";
import { initBackend } from "../../../runtime/agents/backend/init-backend.js";
import { createCartPole } from "../../../runtime/agents/envs/cartpole.js";
import { discrete } from "../../../runtime/agents/envs/spaces.js";
import { loadAgent } from "../../../runtime/agents/io/load-agent.js";
import { saveSnapshot } from "../../../runtime/agents/io/model-io.js";
import { createEnvRegistry } from "../../../runtime/agents/envs/registry.js";
import { checkAgentSpec } from "../../../runtime/agents/section-check.js";
import { isUserError, type UserError } from "../../../runtime/core/errors.js";
import { specLocation } from "../../../runtime/core/spec-location.js";
import { loadSpec } from "../../../runtime/spec/index.js";
import type { AgentSpec } from "../../../runtime/spec/types.generated.js";

/**
 * Each algorithm has its own hyperparameter branch in agent.schema.json: the
 * resolved spec lists exactly its keys, with the defaults the algorithms used
 * to apply in code (SB3's). The tables below are those former code defaults.
 */
const ON_POLICY_COMMON = {
  n_envs: 1,
  gamma: 0.99,
  ent_coef: 0,
  vf_coef: 0.5,
  max_grad_norm: 0.5,
  optimizer_eps: 1e-5,
  log_std_init: 0,
  normalize: false,
  net_arch: [64, 64],
  activation_fn: "tanh",
};
const OFF_POLICY_COMMON = {
  buffer_size: 1_000_000,
  learning_starts: 100,
  gamma: 0.99,
  gradient_steps: 1,
  normalize: false,
  log_interval: 1000,
  activation_fn: "relu",
};
const DEFAULTS: Record<string, Record<string, unknown>> = {
  ppo: {
    ...ON_POLICY_COMMON,
    learning_rate: 3e-4,
    n_steps: 2048,
    batch_size: 64,
    n_epochs: 10,
    gae_lambda: 0.95,
    clip_range: 0.2,
    normalize_advantage: true,
    use_rms_prop: false,
  },
  a2c: {
    ...ON_POLICY_COMMON,
    learning_rate: 7e-4,
    n_steps: 5,
    gae_lambda: 1,
    normalize_advantage: false,
    use_rms_prop: true,
  },
  dqn: {
    ...OFF_POLICY_COMMON,
    learning_rate: 1e-4,
    batch_size: 32,
    tau: 1,
    train_freq: 4,
    target_update_interval: 10_000,
    exploration_fraction: 0.1,
    exploration_initial_eps: 1,
    exploration_final_eps: 0.05,
    double_q: true,
    dueling: false,
    max_grad_norm: 10,
    net_arch: [64, 64],
  },
  sac: {
    ...OFF_POLICY_COMMON,
    learning_rate: 3e-4,
    batch_size: 256,
    tau: 0.005,
    train_freq: 1,
    ent_coef: "auto",
    target_entropy: "auto",
    target_update_interval: 1,
    n_critics: 2,
    net_arch: [256, 256],
  },
  td3: {
    ...OFF_POLICY_COMMON,
    learning_rate: 1e-3,
    batch_size: 256,
    tau: 0.005,
    train_freq: 1,
    policy_delay: 2,
    target_policy_noise: 0.2,
    target_noise_clip: 0.5,
    action_noise: 0.1,
    n_critics: 2,
    net_arch: [400, 300],
  },
  ddpg: {
    ...OFF_POLICY_COMMON,
    learning_rate: 1e-3,
    batch_size: 256,
    tau: 0.005,
    train_freq: 1,
    policy_delay: 1,
    target_policy_noise: 0,
    target_noise_clip: 0,
    action_noise: 0.1,
    n_critics: 1,
    net_arch: [400, 300],
  },
};

const dir = mkdtempSync(join(tmpdir(), "drlwb-hyperparameters-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let specCount = 0;
function writeAgentSpec(yaml: string, env = "cartpole"): string {
  const file = join(dir, `agent-${specCount++}.yaml`);
  writeFileSync(file, `kind: agent\nenv: { type: ${env} }\ntotal_timesteps: 64\n${yaml}`);
  return file;
}

function loadAgentSpec(yaml: string, env?: string): AgentSpec {
  const result = loadSpec(writeAgentSpec(yaml, env));
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  if (result.kind !== "agent") throw new Error(`not an agent spec: ${result.kind}`);
  return result.spec;
}

function diagnosticsOf(yaml: string) {
  const result = loadSpec(writeAgentSpec(yaml));
  if (result.ok) throw new Error("the spec was accepted");
  return result.diagnostics;
}

describe("per-algorithm hyperparameters", () => {
  it.each(Object.keys(DEFAULTS))(
    "%s: the resolved spec lists only its hyperparameters, with its defaults",
    (algo) => {
      const spec = loadAgentSpec(`type: ${algo}\n`);
      expect(spec.hyperparameters).toEqual(DEFAULTS[algo]);
    },
  );

  it("keeps the values written, fills the rest, and accepts the schedule forms", () => {
    const spec = loadAgentSpec(
      "type: ppo\nhyperparameters: { learning_rate: lin_3e-4, n_steps: 512, clip_range: lin_0.2 }\n",
    );
    expect(spec.hyperparameters).toEqual({
      ...DEFAULTS.ppo,
      learning_rate: "lin_3e-4",
      n_steps: 512,
      clip_range: "lin_0.2",
    });
    const sac = loadAgentSpec("type: sac\nhyperparameters: { ent_coef: auto_0.1 }\n");
    expect(sac.hyperparameters).toMatchObject({ ent_coef: "auto_0.1" });
  });

  it("an ensemble resolves each algorithm's hyperparameters by its own branch", () => {
    const spec = loadAgentSpec(
      "type: ppo\nensemble: { algorithms: [ppo, a2c], hyperparameters: { a2c: { n_envs: 4 } } }\n",
    );
    expect(spec.ensemble?.hyperparameters?.a2c).toEqual({ ...DEFAULTS.a2c, n_envs: 4 });
    expect(spec.ensemble?.hyperparameters?.ppo).toBeUndefined();
  });

  it("a key of another algorithm is refused at its line, naming the algorithm, with the valid keys", () => {
    const [problem, ...rest] = diagnosticsOf("type: ppo\nhyperparameters:\n  buffer_size: 1000\n");
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      path: "/hyperparameters/buffer_size",
      line: 6,
      col: 3,
      message: 'ppo has no hyperparameter "buffer_size"',
    });
    expect(problem?.hint).toMatch(/^valid keys: .*n_steps.*batch_size/);
    expect(problem?.hint).not.toContain("buffer_size");
  });

  it("a misspelt key gets did-you-mean, in the spec's type and in an ensemble", () => {
    const [typo] = diagnosticsOf("type: a2c\nhyperparameters: { n_step: 8 }\n");
    expect(typo).toMatchObject({
      path: "/hyperparameters/n_step",
      message: 'a2c has no hyperparameter "n_step"',
      hint: 'did you mean "n_steps"?',
    });
    const [ensemble] = diagnosticsOf(
      "type: dqn\nensemble: { algorithms: [ppo, dqn], hyperparameters: { dqn: { batch_sise: 8 } } }\n",
    );
    expect(ensemble).toMatchObject({
      path: "/ensemble/hyperparameters/dqn/batch_sise",
      message: 'dqn has no hyperparameter "batch_sise"',
      hint: 'did you mean "batch_size"?',
    });
  });

  it("refuses a value of the wrong form at its key", () => {
    const [problem] = diagnosticsOf("type: sac\nhyperparameters: { ent_coef: sometimes }\n");
    expect(problem).toMatchObject({ path: "/hyperparameters/ent_coef" });
    expect(problem?.message).toContain("sometimes");
  });
});

describe("hyperparameter rules the schema cannot state, checked before anything runs", () => {
  const check = (yaml: string, env?: string): UserError => {
    const spec = loadAgentSpec(yaml, env);
    try {
      checkAgentSpec(
        spec,
        createAlgorithmRegistry(),
        createEnvRegistry(),
        specLocation("agent.yaml"),
      );
    } catch (error) {
      if (isUserError(error)) return error;
      throw error;
    }
    throw new Error("the spec passed its checks");
  };

  it("rms_prop_eps needs RMSprop", () => {
    const error = check("type: ppo\nhyperparameters: { rms_prop_eps: 1.0e-3 }\n");
    expect(error.diagnostics[0]).toMatchObject({ path: "/hyperparameters/rms_prop_eps" });
    expect(error.diagnostics[0]?.hint).toContain("use_rms_prop");
    // With RMSprop it is that optimizer's ε.
    const spec = loadAgentSpec(
      "type: ppo\nhyperparameters: { rms_prop_eps: 1.0e-3, use_rms_prop: true }\n",
    );
    expect(() =>
      checkAgentSpec(spec, createAlgorithmRegistry(), createEnvRegistry(), specLocation("a.yaml")),
    ).not.toThrow();
  });

  it("a schedule the pattern lets through but no number reads is refused at its key", () => {
    const error = check("type: ppo\nhyperparameters: { clip_range: lin_. }\n");
    expect(error.diagnostics[0]).toMatchObject({ path: "/hyperparameters/clip_range" });
    expect(error.message).toContain("lin_<start>");
  });

  it("and SAC's auto_<initial> must be a positive number, in an ensemble too", () => {
    const error = check(
      "type: sac\nensemble: { algorithms: [sac, td3], hyperparameters: { sac: { ent_coef: auto_0 } } }\n",
      "pendulum",
    );
    expect(error.diagnostics[0]).toMatchObject({
      path: "/ensemble/hyperparameters/sac/ent_coef",
    });
  });
});

describe("hyperparameters in a saved model", () => {
  beforeAll(async () => {
    await initBackend("cpu");
  });

  it("are saved resolved; a model saved with partial hyperparameters loads with the defaults filled", async () => {
    const written = { n_steps: 16, batch_size: 8, n_epochs: 1, normalize: true };
    const agent = createAlgorithmRegistry()
      .get("ppo")
      .create({
        observationSize: 4,
        actionSpace: discrete(2),
        hyperparameters: written,
        seed: 3,
        makeEnv: (i) => createCartPole(i),
      });
    await agent.learn(32);
    expect(agent.snapshot().hyperparameters).toEqual({ ...DEFAULTS.ppo, ...written });
    const modelDir = join(dir, "model");
    await saveSnapshot(modelDir, agent.snapshot());
    // A model written before the defaults were saved holds only the spec's own values.
    const manifestFile = join(modelDir, "model.json");
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    expect(manifest.userDefinedMetadata.hyperparameters).toEqual({ ...DEFAULTS.ppo, ...written });
    manifest.userDefinedMetadata.hyperparameters = written;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const { agent: loaded } = await loadAgent(modelDir);
    expect(loaded.snapshot().hyperparameters).toEqual({ ...DEFAULTS.ppo, ...written });
    expect(loaded.snapshot().observationStats).toEqual(agent.snapshot().observationStats);
    const obs = Float64Array.from([0.01, -0.02, 0.03, 0.04]);
    expect(loaded.predict(obs)).toBe(agent.predict(obs));
    agent.dispose();
    loaded.dispose();
  });

  it("a saved key the algorithm does not have is refused, naming it", () => {
    let thrown: unknown;
    try {
      resolveHyperparameters("a2c", { n_steps: 8, clip_range: 0.1 });
    } catch (error) {
      thrown = error;
    }
    expect(isUserError(thrown)).toBe(true);
    expect((thrown as UserError).diagnostics[0]).toMatchObject({
      path: "/clip_range",
      message: 'a2c has no hyperparameter "clip_range"',
    });
  });
});
