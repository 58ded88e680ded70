/**
 * Agent hyperparameter sweeps run: the sweep schema's own example
 * (`agent.hyperparameters.learning_rate`) validates and `drlwb sweep` runs it,
 * each trial a whole experiment (train, backtest with the risk rules) ranked
 * by the run's metric; trials rerun to the same metrics; a stop signal
 * marks the sweep interrupted; validate refuses what the sweep would refuse.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sweepCommand } from "../../../cli/sweep.js";
import { validateCommand } from "../../../cli/validate.js";
import { SWEEP_METRICS } from "../../../runtime/backtest/sweep/sweep-metrics.js";
import { checkLoadedSweep } from "../../../runtime/run/check-sweep-spec.js";
import { runExperimentSweep } from "../../../runtime/run/experiment-sweep.js";
import { loadSpec } from "../../../runtime/spec/index.js";
import { bufferIO } from "../../support/cli.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-agent-sweep-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const registry = join(root, "registry");
writeFileSync(
  join(root, "tiny-agent.yaml"),
  `name: tiny-agent
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
  hyperparameters: { learning_rate: 0.0003, n_steps: 64, batch_size: 32, n_epochs: 1 }
  evaluation: { seeds: 1, episodes: 1 }
risk:
  rules:
    - { type: position_limits, max_position: 0.5 }
report: { html: false }
register: { model: tiny, registry: ${JSON.stringify(registry)} }
`,
);
const sweepFile = join(root, "lr.yaml");
writeFileSync(
  sweepFile,
  "kind: sweep\nname: lr\nbase: ./tiny-agent.yaml\n" +
    "parameters:\n  agent.hyperparameters.learning_rate: [0.0003, 0.003]\n" +
    "objective: { metric: sharpe, segment: valid }\n",
);

type Trial = {
  trial: number;
  params: Record<string, number>;
  metrics: Record<string, number | null>;
  run: { id: string; dir: string; status: string };
};

const json = (file: string) => JSON.parse(readFileSync(file, "utf8"));

function loaded() {
  const sweep = loadSpec(sweepFile);
  const baseFile = resolve(root, "tiny-agent.yaml");
  const base = loadSpec(baseFile);
  if (!sweep.ok || sweep.kind !== "sweep" || !base.ok || base.kind !== "experiment")
    throw new Error("the test specs do not load");
  return { sweep, checked: checkLoadedSweep(sweepFile, sweep, baseFile, base) };
}

describe("an agent hyperparameter sweep", () => {
  let cliTop: Trial[] = [];

  it("validates, and drlwb sweep runs each trial as a whole experiment", {
    timeout: 300_000,
  }, async () => {
    const v = bufferIO();
    expect(validateCommand([sweepFile], {}, v), v.text().err + v.text().out).toBe(0);
    const out = join(root, "cli");
    const io = bufferIO();
    expect(await sweepCommand(sweepFile, { out, json: true }, io), io.text().err).toBe(0);
    const summary = json(join(out, "top.json"));
    expect(summary).toMatchObject({ kind: "experiments", status: "complete", trials: 2 });
    expect(summary.metric).toBe("sharpeRatio");
    cliTop = summary.top as Trial[];
    expect(cliTop.map((t) => t.params["agent.hyperparameters.learning_rate"]).sort()).toEqual([
      0.0003, 0.003,
    ]);
    // Ranked by the objective (NaN last).
    const sharpe = cliTop.map((t) => t.metrics.sharpeRatio ?? Number.NEGATIVE_INFINITY);
    expect(sharpe).toEqual([...sharpe].sort((a, b) => b - a));
    expect(readdirSync(join(out, "trials")).sort()).toEqual([
      "trial-000000.json",
      "trial-000001.json",
    ]);
    for (const t of cliTop) {
      expect(t.run.status).toBe("complete");
      expect(Object.keys(t.metrics).sort()).toEqual([...SWEEP_METRICS].sort());
      // The trial's metrics are its run's metrics.json, measured on the objective's segment.
      const metrics = json(join(t.run.dir, "metrics.json"));
      for (const name of SWEEP_METRICS)
        expect(t.metrics[name], name).toBe(metrics.backtest.strategy[name] ?? null);
      const resolved = readFileSync(join(t.run.dir, "spec.resolved.yaml"), "utf8");
      expect(resolved).toMatch(
        new RegExp(`learning_rate: ${t.params["agent.hyperparameters.learning_rate"]}`),
      );
      expect(resolved).toMatch(/segment: valid/);
      // With the base's risk rules.
      expect(existsSync(join(t.run.dir, "stages", "risk", "risk.json"))).toBe(true);
    }
    // A sweep registers no models.
    expect(existsSync(registry)).toBe(false);
  });

  it("runs through the runtime API with the same results (trials are reproducible)", {
    timeout: 300_000,
  }, async () => {
    const { sweep, checked } = loaded();
    expect(checked.plan.kind).toBe("experiments");
    const outcome = await runExperimentSweep(sweep.spec, checked.plan, checked.base, {
      outDir: join(root, "api"),
    });
    expect(outcome.status).toBe("complete");
    expect(outcome.top.map((t) => [t.trial, t.params])).toEqual(
      cliTop.map((t) => [t.trial, t.params]),
    );
    const asJson = JSON.parse(JSON.stringify(outcome.top.map((t) => t.metrics)));
    expect(asJson).toEqual(cliTop.map((t) => t.metrics));
  });

  it("a stop signal ends the sweep as interrupted, keeping the finished trials", {
    timeout: 300_000,
  }, async () => {
    const { sweep, checked } = loaded();
    const stop = new AbortController();
    const outDir = join(root, "stopped");
    const outcome = await runExperimentSweep(sweep.spec, checked.plan, checked.base, {
      outDir,
      signal: stop.signal,
      onTrialEnd: () => stop.abort("SIGINT"),
    });
    expect(outcome.status).toBe("interrupted");
    expect(outcome.trials).toBe(1);
    expect(readdirSync(join(outDir, "trials"))).toEqual(["trial-000000.json"]);
  });

  it("validate and sweep refuse a value that makes an invalid agent, at its line:col", async () => {
    const bad = join(root, "bad-lr.yaml");
    writeFileSync(
      bad,
      "kind: sweep\nname: bad\nbase: ./tiny-agent.yaml\n" +
        "parameters:\n  agent.hyperparameters.learning_rate: [0.001, fast]\n",
    );
    const v = bufferIO();
    expect(validateCommand([bad], {}, v)).toBe(2);
    const io = bufferIO();
    expect(await sweepCommand(bad, { out: join(root, "bad") }, io)).toBe(2);
    for (const text of [v.text().err + v.text().out, io.text().err])
      expect(text).toMatch(
        /bad-lr\.yaml:5:3 .*agent\.hyperparameters\.learning_rate = "fast" the trial experiment is invalid/,
      );
    expect(existsSync(join(root, "bad"))).toBe(false);
  });
});
