/**
 * `reindexRuns` (runtime/store/reindex.ts) on SQLite and PostgreSQL: the
 * index rebuilt from run folders equals the one the runs wrote as they ran
 * (delete the database, reindex, same rows); a folder that is gone loses its
 * row; a corrupt folder is skipped and counted; a run left `running` by a
 * dead process is indexed as interrupted; a run indexed from outside the
 * folder keeps its row while its folder exists.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilePlan } from "../../runtime/core/compile-plan.js";
import type { Stage } from "../../runtime/core/stage.js";
import { executePlan, type RunResult } from "../../runtime/run/execute.js";
import { readRunRecord, writeRunRecord } from "../../runtime/run/run-record.js";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import { reindexRuns } from "../../runtime/store/reindex.js";
import { storeRunIndex } from "../../runtime/store/runs-index.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";
import { probeStage } from "../support/probe-stage.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-reindex-"));
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

function plan(name: string, sharpe: number) {
  const backtest = (): Stage<"backtest"> =>
    probeStage({
      kind: "backtest",
      type: "probe",
      inputs: [],
      config: {},
      async run() {
        return { metrics: { strategy: { sharpeRatio: sharpe, cagr: sharpe / 10 } } };
      },
    });
  return compilePlan({ name, seed: 1 }, { backtest });
}

const options = (runsDir: string, name: string) => ({
  runsDir,
  specFile: `${name}.yaml`,
  specHash: `hash-${name}`,
  resolvedSpecYaml: `name: ${name}\nseed: 1\ntags: [t-${name}]\nbacktest: { segment: test }\n`,
});

/** Every row of the runs index, in a stable order. */
async function snapshot(store: TrackingStore) {
  return {
    runs: await store.db.selectFrom("runs").selectAll().orderBy("id").execute(),
    params: await store.db
      .selectFrom("run_params")
      .selectAll()
      .orderBy("run_id")
      .orderBy("key")
      .execute(),
    metrics: await store.db
      .selectFrom("run_metrics")
      .selectAll()
      .orderBy("run_id")
      .orderBy("key")
      .execute(),
    tags: await store.db
      .selectFrom("run_tags")
      .selectAll()
      .orderBy("run_id")
      .orderBy("key")
      .execute(),
  };
}

async function open(url: string): Promise<TrackingStore> {
  const store = await openStore({ config: resolveStoreConfig({ url }), baseDir: root, env: {} });
  stores.push(store);
  return store;
}

const engines = [
  [
    "sqlite",
    async (n: number) => {
      const file = join(root, `reindex-${n}.db`);
      return { url: `sqlite:${file}`, drop: () => rmSync(file, { force: true }) };
    },
  ],
  [
    "postgres",
    async (n: number) => ({ url: await postgres.createDatabase(`reindex_${n}`), drop: () => {} }),
  ],
] as const;

describe.each(engines)("reindex on %s", (engine, database) => {
  const base = join(root, engine);
  const runsDir = join(base, "runs");
  const elsewhere = join(base, "sweeps", "s1", "runs");

  it("rebuilds the rows the runs wrote; skips corrupt folders; removes rows of vanished folders", async () => {
    const first = await database(1);
    let store = await open(first.url);
    const index = storeRunIndex(store, runsDir);
    const runs: RunResult[] = [];
    for (const [name, sharpe] of [
      ["alpha", 1.2],
      ["beta", -0.4],
      ["gamma", 0.7],
    ] as const)
      runs.push(
        await executePlan(plan(name, sharpe), { ...options(runsDir, name), runIndex: index }),
      );
    // A trial run outside the runs folder, indexed relative to it (as `drlwb sweep` does).
    const trial = await executePlan(plan("trial", 2), {
      ...options(elsewhere, "trial"),
      runIndex: index,
    });
    // A run whose process died while running (run.json still says running).
    const dead = await executePlan(plan("dead", 0.1), options(runsDir, "dead"));
    const child = spawnSync(process.execPath, ["-e", ""]);
    const record = readRunRecord(dead.dir)!;
    const { finishedAt: _f, ...unfinished } = record;
    writeRunRecord(dead.dir, { ...unfinished, status: "running", pid: child.pid });
    // A corrupt folder.
    mkdirSync(join(runsDir, "broken"), { recursive: true });
    writeFileSync(join(runsDir, "broken", "run.json"), "{ not json");

    const counts = await reindexRuns(store, { runsDir });
    expect(counts).toMatchObject({ indexed: 4, removed: 0, skipped: 1 });
    expect(counts.problems).toEqual([
      expect.objectContaining({ folder: "broken", file: "run.json" }),
    ]);
    const deadRow = await store.db
      .selectFrom("runs")
      .selectAll()
      .where("id", "=", dead.id)
      .executeTakeFirst();
    expect(deadRow).toMatchObject({ status: "interrupted", ended_at: null });
    const trialRow = await store.db
      .selectFrom("runs")
      .select("run_dir")
      .where("id", "=", trial.id)
      .executeTakeFirst();
    expect(trialRow?.run_dir).toBe(`../sweeps/s1/runs/${trial.id}`);
    const live = await snapshot(store);
    expect(live.runs.map((r) => r.id).sort()).toEqual(
      [...runs.map((r) => r.id), trial.id, dead.id].sort(),
    );
    expect(live.metrics.filter((m) => m.run_id === runs[0]!.id && m.key === "test.sharpe")).toEqual(
      [{ run_id: runs[0]!.id, key: "test.sharpe", value: 1.2 }],
    );

    // Delete the database: the folders give the same rows back (the trial's folder is reindexed from its own place).
    await store.close();
    first.drop();
    const second = engine === "sqlite" ? first : await database(2);
    store = await open(second.url);
    expect((await snapshot(store)).runs).toEqual([]);
    await reindexRuns(store, { runsDir });
    await reindexRuns(store, { runsDir: elsewhere, runsRoot: runsDir });
    expect(await snapshot(store)).toEqual(live);

    // A folder removed: its row goes, with its params, metrics and tags; the others stay.
    rmSync(runs[1]!.dir, { recursive: true });
    const after = await reindexRuns(store, { runsDir });
    expect(after).toMatchObject({ indexed: 3, removed: 1, skipped: 1 });
    const left = await snapshot(store);
    expect(left.runs.map((r) => r.id)).not.toContain(runs[1]!.id);
    expect(left.runs.map((r) => r.id)).toContain(trial.id);
    expect(left.metrics.some((m) => m.run_id === runs[1]!.id)).toBe(false);
    expect(left.tags.some((t) => t.run_id === runs[1]!.id)).toBe(false);
  });
});
