import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createPredictorLoader } from "../../runtime/serving/artifact-loaders.js";
import { barsOf, runAndServe, type ServedRun } from "../support/serving-replay.js";

/**
 * Bad bars are refused with a 400 naming the field and what is needed, and
 * nothing is served from a partial feature window or a partial history.
 */
let run: ServedRun;

const spec = (registry: string) => `name: bars-input
seed: 2
data: { source: bundled, name: spy, start: 2015-01-02, end: 2016-12-30 }
segments:
  train: { start: 2015-01-02, end: 2015-12-31 }
  test: { start: 2016-01-04, end: 2016-12-30 }
features:
  - { type: log_return }
  - { type: volatility, window: 10 }
agent:
  type: ppo
  backend: cpu
  env: { type: single_asset, symbol: SPY, actions: short_flat_long, window: 2, episode_length: 64 }
  total_timesteps: 64
  hyperparameters: { n_steps: 64, batch_size: 32, n_epochs: 1 }
  evaluation: { seeds: 1, episodes: 1 }
backtest: { cash: 10000 }
risk:
  rules:
    - { type: vol_target, target: 0.1, estimator: ewma }
    - { type: kill_switch, max_drawdown: 0.2 }
report: { html: false }
register: { model: bars-input, registry: ${JSON.stringify(registry)} }
`;

beforeAll(async () => {
  run = await runAndServe("drlwb-bars-input-", "bars-input", spec);
}, 300_000);
afterAll(async () => {
  await run?.close();
});

const last = () => run.range.start + 20;

async function refused(body: Record<string, unknown>, message: RegExp) {
  const res = await run.predict(body);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.message).toMatch(message);
}

describe("predict from bars refuses bad bars, naming the field", () => {
  it("too few bars: names /bars/time and the minimum the signature gives", async () => {
    const min = run.signature.bars!.minimum;
    await refused(
      { bars: barsOf(run.data.panel, last() - min + 2, last()) },
      new RegExp(`^/bars/time has ${min - 1} bars; this model needs at least ${min}`),
    );
  });

  it("unsorted or repeated times", async () => {
    const bars = barsOf(run.data.panel, 0, last());
    [bars.time[5], bars.time[6]] = [bars.time[6]!, bars.time[5]!];
    await refused({ bars }, /^\/bars\/time\/6 is not after the bar before it/);
  });

  it("wrong, repeated and missing symbols", async () => {
    const bars = barsOf(run.data.panel, 0, last());
    await refused(
      { bars: { ...bars, symbols: [{ ...bars.symbols[0]!, symbol: "QQQ" }] } },
      /^\/bars\/symbols\/0\/symbol is "QQQ", not a symbol of this model \("SPY"\)/,
    );
    await refused(
      { bars: { ...bars, symbols: [bars.symbols[0]!, bars.symbols[0]!] } },
      /^\/bars\/symbols\/1\/symbol repeats a symbol/,
    );
  });

  it("a column of the wrong length or missing", async () => {
    const bars = barsOf(run.data.panel, 0, last());
    const short = { ...bars.symbols[0]!, close: bars.symbols[0]!.close!.slice(1) };
    await refused(
      { bars: { ...bars, symbols: [short] } },
      /^\/bars\/symbols\/0\/close must have one value per bar/,
    );
  });

  it("a partial history for the risk overlay: vol_target's EWMA needs every close since bar 0", async () => {
    const min = run.signature.bars!.minimum;
    await refused(
      { bars: barsOf(run.data.panel, last() - min, last()), portfolio: { bar: last(), equity: 1 } },
      /risk overlay reads the close of bar \d+, but the bars start at bar \d+/,
    );
  });

  it("a partial feature window is never served: bars before the features are defined", async () => {
    // Bars 0..min−1 satisfy the count, but the window at the last bar starts inside the warm-up
    // when the history begins mid-way: the caller says the last bar is bar 1 of the data.
    const min = run.signature.bars!.minimum;
    const bars = barsOf(run.data.panel, 0, min - 2);
    await refused({ bars }, /this model needs at least/);
  });

  it("an env state from another bar or of another shape", async () => {
    const bars = barsOf(run.data.panel, 0, last());
    await refused(
      { bars, envState: { bar: 3, equity: 1, book: [0], target: [1] } },
      /^\/envState\/bar is 3; this call decides at bar \d+/,
    );
    await refused(
      { bars, envState: { bar: last() - 1, equity: 1, book: [0, 1], target: [1] } },
      /^\/envState\/book does not match this model's env/,
    );
  });
});

describe("a model registered before signatures existed", () => {
  it("is refused with how to re-register it, and its version view says so", async () => {
    const registryDir = mkdtempSync(join(tmpdir(), "drlwb-old-model-"));
    try {
      const registry = new ModelRegistry(join(run.root, "registry"));
      const artifact = registry.artifactDir(registry.getVersion("bars-input", "latest"));
      const old = join(registryDir, "artifact");
      cpSync(artifact, old, { recursive: true });
      rmSync(join(old, "signature.json"));
      await expect(
        createPredictorLoader()({ name: "old", version: 1, artifactDir: old }),
      ).rejects.toThrow(/has no model signature .* re-register it: run its spec again/);
    } finally {
      rmSync(registryDir, { recursive: true, force: true });
    }
  });

  it("over HTTP: the version shows no signature and why; predict answers how to re-register", async () => {
    const folder = mkdtempSync(join(tmpdir(), "drlwb-old-http-"));
    try {
      const registry = new ModelRegistry(join(run.root, "registry"));
      const artifact = registry.artifactDir(registry.getVersion("bars-input", "latest"));
      const old = join(folder, "artifact");
      cpSync(artifact, old, { recursive: true });
      rmSync(join(old, "signature.json"));
      registry.registerModel({ name: "old-model", sourceDir: old });
      const shown = await run.get("/models/old-model/versions/1");
      expect(shown.status).toBe(200);
      expect(shown.body.signature).toBeNull();
      expect(shown.body.unservable).toMatch(/re-register it: run its spec again/);
      const res = await run.predictModel("old-model", { bars: barsOf(run.data.panel, 0, last()) });
      expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.message).toMatch(/has no model signature .* re-register it/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
