import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { runSpec } from "../../runtime/run/run-spec.js";
import { createAgentPredictorLoader } from "../../runtime/serving/agent-predictor.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";

/**
 * A model registered by a run carries the run's risk rules: the register
 * stage receives the risk stage's output and puts its risk.json in the
 * artifact, and the server applies those rules to every prediction. The two
 * runs differ only in the risk section, so they train the same policy.
 */
const root = mkdtempSync(join(tmpdir(), "drlwb-registered-risk-"));
const registryDir = join(root, "registry");
const secret = new TextEncoder().encode("r".repeat(40));
let url = "";
let close = async () => {};
let auth: Record<string, string> = {};
let runDirs: Record<string, string> = {};

function specText(model: string, withRisk: boolean): string {
  return `name: ${model}
seed: 5
data: { source: bundled, name: spy }
segments:
  train: { start: 2008-01-02, end: 2013-12-31 }
  valid: { start: 2014-01-02, end: 2015-06-30 }
  test: { start: 2015-07-01, end: 2017-12-29 }
features:
  - { type: log_return }
agent:
  type: ppo
  backend: cpu
  env: { type: single_asset, symbol: SPY, actions: short_flat_long, window: 2, episode_length: 64 }
  total_timesteps: 128
  hyperparameters: { n_steps: 64, batch_size: 32, n_epochs: 1 }
  evaluation: { seeds: 1, episodes: 1 }
${withRisk ? "risk:\n  rules:\n    - { type: position_limits, max_position: 0.5 }\n" : ""}report: { html: false }
register: { model: ${model}, registry: ${JSON.stringify(registryDir)} }
`;
}

beforeAll(async () => {
  for (const [model, withRisk] of [
    ["spy-capped", true],
    ["spy-free", false],
  ] as const) {
    const file = join(root, `${model}.yaml`);
    writeFileSync(file, specText(model, withRisk));
    const result = await runSpec(file, { runsDir: join(root, "runs") });
    expect(result.status, String(result.error)).toBe("complete");
    runDirs = { ...runDirs, [model]: result.dir };
  }
  const { app } = createApp({
    registry: new ModelRegistry(registryDir),
    secret,
    ...testServerConfig(root, { http: { rate_limit_per_minute: 1_000_000 } }),
    loadPredictor: createAgentPredictorLoader(),
  });
  ({ url, close } = await listen(app));
  auth = { authorization: `Bearer ${await createToken(secret, { subject: "t", role: "viewer" })}` };
}, 300_000);
afterAll(async () => {
  await close();
  rmSync(root, { recursive: true, force: true });
});

function artifactOf(model: string): string {
  const registry = new ModelRegistry(registryDir);
  return registry.artifactDir(registry.getVersion(model, "latest"));
}

async function predict(model: string, observations: number[][]) {
  const res = await fetch(`${url}/models/${model}/predict`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: JSON.stringify({ observations, deterministic: true }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("a registered model carries its run's risk rules", () => {
  it("has the risk stage's risk.json in its artifact when the spec has a risk section", () => {
    const file = join(artifactOf("spy-capped"), "risk.json");
    expect(existsSync(file)).toBe(true);
    const registered = JSON.parse(readFileSync(file, "utf8"));
    const written = JSON.parse(
      readFileSync(join(runDirs["spy-capped"]!, "stages", "risk", "risk.json"), "utf8"),
    );
    expect(registered).toEqual(written);
    expect(registered.rules).toEqual([
      expect.objectContaining({ type: "position_limits", max_position: 0.5 }),
    ]);
    expect(registered.symbols).toEqual(["SPY"]);
    expect(existsSync(join(artifactOf("spy-free"), "risk.json"))).toBe(false);
  });

  it("is served with its rules: a position limit caps every returned target weight", async () => {
    const loaded = await createAgentPredictorLoader()({
      name: "spy-free",
      version: 1,
      artifactDir: artifactOf("spy-free"),
    });
    const size = loaded.observationSize!;
    loaded.dispose();
    const observations = Array.from({ length: 64 }, (_, i) =>
      Array.from({ length: size }, (_, j) => Math.sin(i * 1.3 + j) * (1 + (i % 7))),
    );
    const free = await predict("spy-free", observations);
    const capped = await predict("spy-capped", observations);
    expect(free.status).toBe(200);
    expect(capped.status).toBe(200);
    // Same spec and seed but the risk section: the same policy and actions.
    expect(capped.body.actions).toEqual(free.body.actions);
    const freeWeights = free.body.weights as number[][];
    const cappedWeights = capped.body.weights as number[][];
    expect(freeWeights.flat().every((w) => [-1, 0, 1].includes(w))).toBe(true);
    expect(cappedWeights).toEqual(freeWeights.map(([w]) => [Math.max(-0.5, Math.min(0.5, w!))]));
    const over = freeWeights.filter(([w]) => Math.abs(w!) > 0.5).length;
    expect(over).toBeGreaterThan(0);
    expect((capped.body.riskEvents as { rule: string }[]).length).toBe(over);
    expect((capped.body.riskEvents as { rule: string }[])[0]!.rule).toBe("position_limits");
    expect(capped.body.riskState).toBeDefined();
    // The model without a risk section serves unconstrained targets and no risk state.
    expect(free.body.riskEvents).toEqual([]);
    expect(free.body.riskState).toBeUndefined();
  });
});
