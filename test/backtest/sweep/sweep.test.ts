import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pl from "nodejs-polars";
import { afterAll, describe, expect, it } from "vitest";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import {
  createParameterSpace,
  parseConstraint,
} from "../../../runtime/backtest/sweep/parameter-space.js";
import { runSweep } from "../../../runtime/backtest/sweep/run-sweep.js";
import { SweepPool } from "../../../runtime/backtest/sweep/sweep-pool.js";
import { createStrategyRegistry } from "../../../runtime/backtest/strategies/registry.js";
import { resolveParams } from "../../../runtime/backtest/strategies/rule-strategy.js";
import { runVectorized } from "../../../runtime/backtest/vectorized/engine.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";
import { resolved } from "../../support/spec-values.js";

const goog = readOhlcvCsv("goog_daily_2004_2013_backtestingpy.csv", "GOOG");
const dir = mkdtempSync(join(tmpdir(), "drlwb-sweep-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job = {
  strategy: resolveParams(createStrategyRegistry().get("sma_crossover"), {
    type: "sma_crossover",
    short: true,
  }),
  space: {
    parameters: {
      "strategy.fast": { min: 5, max: 40, step: 5, log: false },
      "strategy.slow": [20, 50, 100, 150],
    },
    method: "grid" as const,
    samples: 20,
    seed: 0,
    constraints: ["strategy.fast < strategy.slow"],
  },
  backtest: resolved("backtest", {
    cash: 10_000,
    costs: { commission: 0.002 },
    segment: "all",
  }),
  segments: {
    train: { start: 0, end: goog.timestamps.length },
    test: { start: 0, end: goog.timestamps.length },
  },
};

describe("parameter space", () => {
  it("enumerates a grid with stable trial ids and skips constrained points", () => {
    const space = createParameterSpace(job.space);
    expect(space.size).toBe(8 * 4);
    const out = new Float64Array(2);
    expect(space.trial(0, out)).toBe(true);
    expect(Array.from(out)).toEqual([5, 20]);
    expect(space.trial(4, out)).toBe(true); // fast 10, slow 20
    expect(Array.from(out)).toEqual([10, 20]);
    expect(space.trial(12, out)).toBe(false); // fast 20, slow 20
  });

  it("draws random trials from per-trial streams (order independent)", () => {
    const spec = {
      parameters: {
        a: { min: 1, max: 100, step: 1, log: false },
        b: { min: 0.001, max: 1, log: true },
      },
      method: "random" as const,
      samples: 50,
      seed: 7,
      constraints: [],
    };
    const space = createParameterSpace(spec);
    const again = createParameterSpace(spec);
    const x = new Float64Array(2);
    const y = new Float64Array(2);
    space.trial(31, x);
    for (let i = 0; i < 31; i++) again.trial(49 - i, y);
    again.trial(31, y);
    expect(Array.from(y)).toEqual(Array.from(x));
    expect(Number.isInteger(x[0])).toBe(true);
    expect(x[1]).toBeGreaterThanOrEqual(0.001);
  });

  it("parses constraints with factors and rejects unknown names", () => {
    const c = parseConstraint("strategy.slow >= 2 * strategy.fast", [
      "strategy.fast",
      "strategy.slow",
    ]);
    expect(c.op).toBe(">=");
    expect(c.right.factor).toBe(2);
    expect(() => parseConstraint("fast < slowest", ["fast", "slow"])).toThrow(
      /not a swept parameter/,
    );
  });
});

describe("runSweep", () => {
  it("gives identical results in-process and on 2 workers, with the full table in Parquet", async () => {
    const local = await runSweep(goog, job, {
      workers: 0,
      metric: "sharpeRatio",
      topK: 5,
      batchSize: 3,
    });
    const path = join(dir, "sweep.parquet");
    const pool = new SweepPool(goog, 2);
    await pool.ready();
    const parallel = await runSweep(goog, job, {
      pool,
      metric: "sharpeRatio",
      topK: 5,
      batchSize: 1,
      parquetPath: path,
    });
    const again = await runSweep(goog, job, { pool, metric: "sharpeRatio", topK: 5, batchSize: 2 });
    await pool.close();
    expect(parallel.workerBatches).toBeGreaterThan(0); // the worker thread did part of the work
    expect(parallel.top).toEqual(local.top);
    expect(again.top).toEqual(local.top);
    const spawned = await runSweep(goog, job, {
      workers: 2,
      metric: "sharpeRatio",
      topK: 5,
      batchSize: 3,
    });
    expect(spawned.top).toEqual(local.top);
    expect(local.trials).toBe(27); // fast 5..40 × slow {20,50,100,150} with fast < slow: 3 + 8 + 8 + 8
    const table = pl.readParquet(path);
    expect(table.height).toBe(27);
    expect(table.columns.slice(0, 3)).toEqual(["trial", "strategy.fast", "strategy.slow"]);
    const trials = table.getColumn("trial").toArray() as number[];
    expect(trials).toEqual([...trials].sort((a, b) => a - b));
    expect(readdirSync(dir).filter((f) => f.startsWith(".sweep-parts"))).toEqual([]);
    // The best row agrees with a direct run of the engine.
    const best = local.top[0]!;
    const s = createStrategyRegistry().get("sma_crossover");
    const params = resolveParams(s, {
      type: "sma_crossover",
      short: true,
      fast: best.params["strategy.fast"],
      slow: best.params["strategy.slow"],
    });
    const full = runVectorized(goog, s.weights(goog, params), {
      cash: 10_000,
      costs: createCostModel(resolved("backtest/costs", { commission: 0.002 })),
    });
    expect(best.metrics.equityFinal).toBe(full.equity[full.equity.length - 1]!);
    // Ranked best first.
    const sharpes = local.top.map((r) => r.metrics.sharpeRatio);
    expect(sharpes).toEqual([...sharpes].sort((a, b) => b - a));
  });

  it("reports progress up to the total", async () => {
    const seen: number[] = [];
    await runSweep(goog, job, { workers: 0, batchSize: 7, onProgress: (done) => seen.push(done) });
    expect(seen.at(-1)).toBe(32);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
