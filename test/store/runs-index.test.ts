/**
 * The runs index (runtime/store/runs-index.ts) on SQLite and PostgreSQL: the
 * executor writes a run's row when it starts (`running`) and when it ends
 * (complete / failed / interrupted) with its params, metrics and tags;
 * re-writing a run replaces its rows; an older state never overwrites a newer
 * one; a store that cannot be opened does not fail the run (one warning).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilePlan } from "../../runtime/core/compile-plan.js";
import type { Stage } from "../../runtime/core/stage.js";
import { executePlan, type RunEvent } from "../../runtime/run/execute.js";
import { readRunRecord } from "../../runtime/run/run-record.js";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import { flattenMetrics, flattenParams } from "../../runtime/store/run-index-values.js";
import { runIndexEntry } from "../../runtime/store/run-index-entry.js";
import {
  lazyRunIndex,
  removeRunsFromIndex,
  storeRunIndex,
  writeRunEntries,
} from "../../runtime/store/runs-index.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";
import { probeStage } from "../support/probe-stage.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-runs-index-"));
let postgres: PostgresInstance;
const stores: TrackingStore[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  for (const s of stores) await s.close();
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

const SPEC_YAML = `name: unit
seed: 7
tags: [nightly, spy]
features:
  - { type: rsi, window: 14 }
backtest:
  segment: test
  costs: { commission: 0.001 }
  benchmark: buy_and_hold
`;

/** A data stage, and a backtest stage with headline statistics like the real one's. */
function plan(options: { fail?: boolean; observe?: () => Promise<void> } = {}) {
  const data = (): Stage<"data"> =>
    probeStage({
      kind: "data",
      type: "draws",
      inputs: [],
      config: {},
      async run() {
        await options.observe?.();
        return { hash: "sha256:data", metrics: { rows: 5 } };
      },
    });
  const backtest = (): Stage<"backtest"> =>
    probeStage({
      kind: "backtest",
      type: "probe",
      inputs: [],
      config: {},
      async run() {
        if (options.fail) throw new Error("boom");
        return {
          metrics: {
            strategy: { sharpeRatio: 1.5, cagr: 0.1, maxDrawdown: -0.2, winRate: null },
            benchmark: { sharpeRatio: 0.5 },
            riskEvents: 2,
          },
        };
      },
    });
  return compilePlan({ name: "unit", seed: 7 }, { data, backtest });
}

const runOptions = (runsDir: string) => ({
  runsDir,
  specFile: "unit.yaml",
  specHash: "f00dfeed",
  resolvedSpecYaml: SPEC_YAML,
});

async function runRow(store: TrackingStore, id: string) {
  return store.db.selectFrom("runs").selectAll().where("id", "=", id).executeTakeFirst();
}

async function metricsOf(store: TrackingStore, id: string): Promise<Record<string, number>> {
  const rows = await store.db
    .selectFrom("run_metrics")
    .select(["key", "value"])
    .where("run_id", "=", id)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

async function paramsOf(store: TrackingStore, id: string) {
  const rows = await store.db
    .selectFrom("run_params")
    .select(["key", "value", "number"])
    .where("run_id", "=", id)
    .orderBy("key")
    .execute();
  return new Map(rows.map((r) => [r.key, { value: r.value, number: r.number }]));
}

async function tagsOf(store: TrackingStore, id: string): Promise<string[]> {
  const rows = await store.db
    .selectFrom("run_tags")
    .select("key")
    .where("run_id", "=", id)
    .orderBy("key")
    .execute();
  return rows.map((r) => r.key);
}

const engines = [
  ["sqlite", async () => `sqlite:${join(root, "index.db")}`],
  ["postgres", async () => postgres.createDatabase("runs_index")],
] as const;

describe.each(engines)("runs index on %s", (engine, url) => {
  let store: TrackingStore;
  const runsDir = join(root, `runs-${engine}`);
  beforeAll(async () => {
    store = await openStore({
      config: resolveStoreConfig({ url: await url() }),
      baseDir: root,
      env: {},
    });
    stores.push(store);
  });

  it("writes the row when the run starts (running) and its status, params, metrics and tags when it completes", async () => {
    let seenWhileRunning: Awaited<ReturnType<typeof runRow>>;
    let runId = "";
    const result = await executePlan(
      plan({
        observe: async () => {
          seenWhileRunning = await runRow(store, runId);
        },
      }),
      {
        ...runOptions(runsDir),
        runIndex: storeRunIndex(store, runsDir),
        onEvent: (e: RunEvent) => {
          if (e.type === "run-start") runId = e.id;
        },
      },
    );
    expect(result.status).toBe("complete");
    expect(seenWhileRunning).toMatchObject({ id: result.id, status: "running", ended_at: null });
    const record = readRunRecord(result.dir)!;
    const row = await runRow(store, result.id);
    expect(row).toEqual({
      id: result.id,
      experiment: "unit",
      kind: "experiment",
      status: "complete",
      spec_hash: "f00dfeed",
      data_hash: "sha256:data",
      code_version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      seed: 7,
      started_at: record.startedAt,
      ended_at: record.finishedAt,
      run_dir: result.id,
      updated_at: record.finishedAt,
    });
    const metrics = await metricsOf(store, result.id);
    expect(metrics).toEqual({
      sharpeRatio: 1.5,
      sharpe: 1.5,
      cagr: 0.1,
      maxDrawdown: -0.2,
      "test.sharpeRatio": 1.5,
      "test.sharpe": 1.5,
      "test.cagr": 0.1,
      "test.maxDrawdown": -0.2,
      "benchmark.sharpeRatio": 0.5,
      "benchmark.sharpe": 0.5,
      riskEvents: 2,
      "data.rows": 5,
    });
    const params = await paramsOf(store, result.id);
    expect(params.get("backtest.costs.commission")).toEqual({ value: "0.001", number: 0.001 });
    expect(params.get("features.0.window")).toEqual({ value: "14", number: 14 });
    expect(params.get("name")).toEqual({ value: '"unit"', number: null });
    expect(params.get("tags.1")).toEqual({ value: '"spy"', number: null });
    expect(await tagsOf(store, result.id)).toEqual(["nightly", "spy"]);
    const experiment = await store.db
      .selectFrom("experiments")
      .selectAll()
      .where("name", "=", "unit")
      .executeTakeFirst();
    expect(experiment?.created_at).toBeDefined();
  });

  it("re-writing a run gives the same rows; a changed folder replaces its params and metrics", async () => {
    const result = await executePlan(plan(), runOptions(runsDir));
    const record = readRunRecord(result.dir)!;
    const entry = () => runIndexEntry(runsDir, result.dir, record);
    await writeRunEntries(store, [entry()]);
    const once = {
      row: await runRow(store, result.id),
      metrics: await metricsOf(store, result.id),
    };
    const paramCount = (await paramsOf(store, result.id)).size;
    await writeRunEntries(store, [entry(), entry()]);
    expect(await runRow(store, result.id)).toEqual(once.row);
    expect(await metricsOf(store, result.id)).toEqual(once.metrics);
    expect((await paramsOf(store, result.id)).size).toBe(paramCount);

    writeFileSync(
      join(result.dir, "metrics.json"),
      JSON.stringify({ backtest: { strategy: { cagr: 0.3 } } }),
    );
    writeFileSync(join(result.dir, "spec.resolved.yaml"), "name: unit\nseed: 8\n");
    await writeRunEntries(store, [entry()]);
    // The new spec names no backtest segment: the headline is only top-level.
    expect(await metricsOf(store, result.id)).toEqual({ cagr: 0.3 });
    expect([...(await paramsOf(store, result.id)).keys()]).toEqual(["name", "seed"]);
    expect(await tagsOf(store, result.id)).toEqual([]);
  });

  it("an older state of a run does not overwrite a newer row", async () => {
    const result = await executePlan(plan(), runOptions(runsDir));
    const record = readRunRecord(result.dir)!;
    await writeRunEntries(store, [runIndexEntry(runsDir, result.dir, record)]);
    const { finishedAt: _f, ...started } = record;
    const stale = { ...started, status: "running" as const, pid: process.pid };
    expect(await writeRunEntries(store, [runIndexEntry(runsDir, result.dir, stale)])).toBe(0);
    expect((await runRow(store, result.id))?.status).toBe("complete");
    expect(Object.keys(await metricsOf(store, result.id))).toContain("sharpe");
  });

  it("records a failed run and an interrupted run", async () => {
    const index = storeRunIndex(store, runsDir);
    const failed = await executePlan(plan({ fail: true }), {
      ...runOptions(runsDir),
      runIndex: index,
    });
    expect(failed.status).toBe("failed");
    expect(await runRow(store, failed.id)).toMatchObject({
      status: "failed",
      data_hash: "sha256:data",
    });
    expect(await metricsOf(store, failed.id)).toEqual({});

    const stop = new AbortController();
    stop.abort("SIGINT");
    const interrupted = await executePlan(plan(), {
      ...runOptions(runsDir),
      runIndex: index,
      signal: stop.signal,
    });
    expect(interrupted.status).toBe("interrupted");
    const row = await runRow(store, interrupted.id);
    expect(row).toMatchObject({ status: "interrupted" });
    expect(row?.ended_at).toBe(readRunRecord(interrupted.dir)?.finishedAt);
  });

  it("a resumed run goes back to running, then complete with its metrics", async () => {
    const index = storeRunIndex(store, runsDir);
    const stop = new AbortController();
    stop.abort("SIGINT");
    const first = await executePlan(plan(), {
      ...runOptions(runsDir),
      runIndex: index,
      signal: stop.signal,
    });
    expect((await runRow(store, first.id))?.status).toBe("interrupted");
    let seen: string | undefined;
    const resumed = await executePlan(
      plan({
        observe: async () => {
          seen = (await runRow(store, first.id))?.status;
        },
      }),
      {
        ...runOptions(runsDir),
        runIndex: index,
        resume: { dir: first.dir, record: readRunRecord(first.dir)! },
      },
    );
    expect(resumed.id).toBe(first.id);
    expect(seen).toBe("running");
    const record = readRunRecord(first.dir)!;
    expect(await runRow(store, first.id)).toMatchObject({
      status: "complete",
      ended_at: record.finishedAt,
      updated_at: record.finishedAt,
    });
    expect((await metricsOf(store, first.id)).sharpe).toBe(1.5);
  });

  it("removes runs with their params, metrics and tags", async () => {
    const result = await executePlan(plan(), {
      ...runOptions(runsDir),
      runIndex: storeRunIndex(store, runsDir),
    });
    await removeRunsFromIndex(store, [result.id]);
    expect(await runRow(store, result.id)).toBeUndefined();
    expect(await metricsOf(store, result.id)).toEqual({});
    expect((await paramsOf(store, result.id)).size).toBe(0);
  });
});

describe("a store that cannot be opened", () => {
  it("does not fail the run: one warning in the run log and one warning event, the file untouched", async () => {
    const runsDir = join(root, "runs-broken");
    const bad = join(root, "not-a-store.db");
    writeFileSync(bad, "this is not a database\n".repeat(10));
    let opens = 0;
    const index = lazyRunIndex(() => {
      opens++;
      return openStore({
        config: resolveStoreConfig({ url: `sqlite:${bad}` }),
        baseDir: root,
        env: {},
      });
    }, runsDir);
    const warnings: string[] = [];
    const result = await executePlan(plan(), {
      ...runOptions(runsDir),
      runIndex: index,
      onEvent: (e) => {
        if (e.type === "warning") warnings.push(e.message);
      },
    });
    await index.close();
    expect(result.status).toBe("complete");
    expect(opens).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("runs index");
    expect(warnings[0]).toContain("not-a-store.db");
    const log = readFileSync(join(result.dir, "logs", "run.log"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { level: string; scope: string });
    expect(log.filter((l) => l.level === "warn")).toEqual([
      expect.objectContaining({ scope: "run.store" }),
    ]);
    expect(readFileSync(bad, "utf8")).toBe("this is not a database\n".repeat(10));
  });
});

describe("index values", () => {
  it("flattens a spec to dotted keys with JSON values; empty lists and objects are leaves", () => {
    expect(flattenParams({ a: { b: 1, c: [true, "x"] }, d: [], e: {}, f: null })).toEqual([
      { key: "a.b", value: "1", number: 1 },
      { key: "a.c.0", value: "true", number: null },
      { key: "a.c.1", value: '"x"', number: null },
      { key: "d", value: "[]", number: null },
      { key: "e", value: "{}", number: null },
      { key: "f", value: "null", number: null },
    ]);
  });

  it("keeps only finite numbers as metrics; the headline goes top-level and under its segment", () => {
    const metrics = flattenMetrics(
      {
        backtest: { strategy: { sharpeRatio: 2, profitFactor: null }, baseline: { cagr: 0.1 } },
        train: { meanReward: 10, curve: { last: 3 }, name: "ppo", ok: true },
      },
      "valid",
    );
    expect(Object.fromEntries(metrics)).toEqual({
      sharpeRatio: 2,
      sharpe: 2,
      "valid.sharpeRatio": 2,
      "valid.sharpe": 2,
      "baseline.cagr": 0.1,
      "train.meanReward": 10,
      "train.curve.last": 3,
    });
  });
});
