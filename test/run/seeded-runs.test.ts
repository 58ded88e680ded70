/**
 * Same spec + seed → the same metrics.json, for a run with every seeded part
 * (HMM restarts, two agent seeds with random-start evaluation episodes), and
 * a run agrees with the sweep trial of its own parameters on every metric.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { sweepCommand } from "../../cli/sweep.js";
import { SWEEP_METRICS } from "../../runtime/backtest/sweep/sweep-metrics.js";
import { runSpec } from "../../runtime/run/run-spec.js";
import { bufferIO } from "../support/cli.js";

const specs = fileURLToPath(new URL("../../specs/", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "drlwb-seeded-runs-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const read = (dir: string, file: string): string => readFileSync(join(dir, file), "utf8");

describe("seeded runs", () => {
  it("give byte-identical metrics.json for the same spec and seed", {
    timeout: 300_000,
  }, async () => {
    // The quickstart with a small budget: 2 agent seeds, 3 evaluation episodes with random starts.
    const spec = join(root, "seeded.yaml");
    writeFileSync(
      spec,
      `name: seeded\nextends: ${join(specs, "quickstart.yaml")}\n` +
        "agent:\n  total_timesteps: 1024\n  hyperparameters: { n_steps: 256 }\n" +
        "  training: { eval_freq: 512 }\n  evaluation: { seeds: 2, episodes: 3 }\n" +
        `regime: { restarts: 2 }\nregister: { model: seeded, registry: ${join(root, "registry")} }\n`,
    );
    const runsDir = join(root, "runs");
    const first = await runSpec(spec, { runsDir });
    const second = await runSpec(spec, { runsDir });
    expect(first.status, String(first.error)).toBe("complete");
    expect(second.status, String(second.error)).toBe("complete");
    expect(second.dir).not.toBe(first.dir);
    expect(read(second.dir, "metrics.json")).toBe(read(first.dir, "metrics.json"));
    const evaluation = (dir: string) => read(dir, "stages/signal/evaluation.json");
    expect(evaluation(second.dir)).toBe(evaluation(first.dir));
    // The two agent seeds are distinct named forks: other seeds, other scores.
    const perSeed = JSON.parse(evaluation(first.dir)).perSeed as {
      seed: number;
      train: { mean: number };
    }[];
    expect(perSeed).toHaveLength(2);
    expect(perSeed[1]!.seed).not.toBe(perSeed[0]!.seed);
    expect(perSeed[1]!.train.mean).not.toBe(perSeed[0]!.train.mean);
  });

  it("and a run agrees with the sweep trial of its own parameters", {
    timeout: 120_000,
  }, async () => {
    const base = join(specs, "strategy-goog-experiment.yaml"); // sma_crossover 10/20, test segment
    const run = await runSpec(base, { runsDir: join(root, "runs-goog") });
    expect(run.status, String(run.error)).toBe("complete");
    const sweep = join(root, "sweep.yaml");
    writeFileSync(
      sweep,
      `kind: sweep\nname: own-parameters\nbase: ${base}\n` +
        "parameters:\n  strategy.fast: [10, 15]\n  strategy.slow: [20, 30]\n" +
        "objective: { metric: sharpe, segment: test }\n",
    );
    const out = join(root, "sweep");
    const io = bufferIO();
    expect(await sweepCommand(sweep, { out, workers: 0, json: true }, io), io.text().err).toBe(0);
    const top = JSON.parse(read(out, "top.json")).top as {
      params: Record<string, number>;
      metrics: Record<string, number | null>;
    }[];
    const trial = top.find(
      (r) => r.params["strategy.fast"] === 10 && r.params["strategy.slow"] === 20,
    );
    const stats = JSON.parse(read(run.dir, "metrics.json")).backtest.strategy as Record<
      string,
      number | null
    >;
    expect(trial).toBeDefined();
    // Every metric, by the run's names and definitions (null where the run has null).
    expect(Object.keys(trial!.metrics).sort()).toEqual([...SWEEP_METRICS].sort());
    for (const name of SWEEP_METRICS) {
      const expected = stats[name] ?? null;
      const actual = trial!.metrics[name] ?? null;
      if (expected === null || actual === null) expect(actual, name).toBe(expected);
      else
        expect(Math.abs(actual - expected), name).toBeLessThanOrEqual(
          1e-12 * Math.max(1, Math.abs(expected)),
        );
    }
  });
});
