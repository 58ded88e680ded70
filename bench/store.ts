/**
 * npm run bench -- store [--predictions 100000] [--runs 10000] [--trials 500]
 *
 * The tracking store on both engines, SQLite (a file in a temp folder) and a
 * throw-away PostgreSQL cluster (test/support/postgres.ts):
 * - batched prediction-log inserts (1,000-row batches of 24-value observations,
 *   through `writePredictions`, the function the server's PredictionLog calls);
 * - `runs list --sort -sharpe --limit 20` over 10,000 indexed runs (`queryRuns`,
 *   the query behind the CLI, the notebook and GET /runs), plus the CLI itself
 *   over 1,000 runs (a child process: Node start included);
 * - one tuning-trial write (start + finish) and its read-back, p50/p99.
 * Targets (issue 17): ≥ 50,000 rows/s SQLite, ≥ 20,000 rows/s PostgreSQL; runs
 * list < 50 ms; trial write + read-back p99 < 5 ms on SQLite.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type TrackingStore } from "../runtime/store/open-store.js";
import { type PredictionRecord, writePredictions } from "../runtime/store/prediction-log.js";
import type { RunIndexEntry } from "../runtime/store/run-index-entry.js";
import { queryRuns } from "../runtime/store/run-query.js";
import { writeRunEntries } from "../runtime/store/runs-index.js";
import { resolveStoreConfig } from "../runtime/store/store-config.js";
import { createStudy } from "../runtime/store/studies.js";
import { finishTrial, getTrial, startTrial } from "../runtime/store/trials.js";
import { startPostgres } from "../test/support/postgres.js";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const predictionRows = arg("predictions", 100_000);
const runCount = arg("runs", 10_000);
const trialCount = arg("trials", 500);
const BATCH = 1000;

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

/** A deterministic stream in [0, 1) (no Math.random: the same rows every run). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function predictionBatch(next: () => number, start: number): PredictionRecord[] {
  const rows: PredictionRecord[] = [];
  for (let i = 0; i < BATCH; i++) {
    const features = new Float64Array(24);
    for (let k = 0; k < features.length; k++) features[k] = next() - 0.5;
    rows.push({
      time: Date.UTC(2026, 11, 1) + (start + i) * 1000,
      model: "bench",
      version: 1,
      variant: "champion",
      features,
      output: { weights: [next(), next(), 1 - next()] },
      riskEvents: [],
      latencyMs: next() * 5,
    });
  }
  return rows;
}

async function predictionRate(store: TrackingStore): Promise<number> {
  const next = lcg(7);
  await writePredictions(store, predictionBatch(next, 0)); // warm-up: statements, partitions
  const batches = Math.ceil(predictionRows / BATCH);
  const t0 = performance.now();
  for (let b = 1; b <= batches; b++)
    await writePredictions(store, predictionBatch(next, b * BATCH));
  const seconds = (performance.now() - t0) / 1000;
  return (batches * BATCH) / seconds;
}

const METRICS = ["sharpe", "sharpeRatio", "cagr", "maxDrawdown", "volatility", "sortinoRatio"];

function runEntries(count: number, offset: number, next: () => number): RunIndexEntry[] {
  const entries: RunIndexEntry[] = [];
  for (let i = offset; i < offset + count; i++) {
    const started = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const metrics = new Map<string, number>();
    for (const m of METRICS) metrics.set(m, next() * 4 - 1);
    for (const m of METRICS) metrics.set(`test.${m}`, next() * 4 - 1);
    entries.push({
      run: {
        id: `run-${String(i).padStart(6, "0")}`,
        experiment: i % 3 === 0 ? "swx-trend" : "spy-ppo",
        kind: "experiment",
        status: "complete",
        spec_hash: null,
        data_hash: null,
        code_version: null,
        seed: i,
        started_at: started,
        ended_at: started,
        run_dir: `run-${i}`,
        updated_at: started,
      },
      description: null,
      params: [{ key: "backtest.costs.commission", value: "0.001", number: 0.001 }],
      metrics,
      tags: [],
      problems: [],
    });
  }
  return entries;
}

async function seedRuns(store: TrackingStore, count: number): Promise<void> {
  const next = lcg(11);
  for (let i = 0; i < count; i += 500)
    await writeRunEntries(store, runEntries(Math.min(500, count - i), i, next));
}

async function runsListMs(store: TrackingStore): Promise<{ p50: number; p99: number }> {
  const query = { sort: "-sharpe", columns: ["sharpe", "maxDrawdown"], limit: 20 };
  await queryRuns(store, query);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    const rows = await queryRuns(store, query);
    times.push(performance.now() - t0);
    if (rows.length !== 20) throw new Error(`expected 20 rows, got ${rows.length}`);
  }
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

async function trialLatency(store: TrackingStore): Promise<{ p50: number; p99: number }> {
  const study = `bench-${store.dialect}`;
  await createStudy(store, { id: study, direction: "maximize", objective: "sharpe" });
  const times: number[] = [];
  for (let i = 0; i < trialCount; i++) {
    const t0 = performance.now();
    const trial = await startTrial(store, study, {
      params: { fast: i % 50, slow: 50 + (i % 100) },
    });
    await finishTrial(store, study, trial.number, { state: "complete", value: i / trialCount });
    const back = await getTrial(store, study, trial.number);
    times.push(performance.now() - t0);
    if (back?.state !== "complete") throw new Error("trial read-back failed");
  }
  return { p50: quantile(times.slice(20), 0.5), p99: quantile(times.slice(20), 0.99) };
}

interface EngineFigures {
  readonly rowsPerSecond: number;
  readonly runsList: { p50: number; p99: number };
  readonly trial: { p50: number; p99: number };
}

async function measure(label: string, open: () => Promise<TrackingStore>): Promise<EngineFigures> {
  const store = await open();
  try {
    const rowsPerSecond = await predictionRate(store);
    console.log(
      `${label}: prediction log ${Math.round(rowsPerSecond).toLocaleString("en")} rows/s`,
    );
    await seedRuns(store, runCount);
    const runsList = await runsListMs(store);
    console.log(
      `${label}: runs list --sort -sharpe --limit 20 over ${runCount.toLocaleString("en")} runs: p50 ${runsList.p50.toFixed(2)} ms, p99 ${runsList.p99.toFixed(2)} ms`,
    );
    const trial = await trialLatency(store);
    console.log(
      `${label}: trial write + read-back: p50 ${trial.p50.toFixed(2)} ms, p99 ${trial.p99.toFixed(2)} ms (${trialCount} trials)`,
    );
    return { rowsPerSecond, runsList, trial };
  } finally {
    await store.close();
  }
}

/** `drlwb runs list` as a user runs it (compiled CLI, Node start included) over 1,000 runs. */
async function cliRunsListMs(dir: string): Promise<number> {
  const url = `sqlite:${join(dir, "cli.db")}`;
  const store = await openStore({ config: resolveStoreConfig({ url }), baseDir: dir, env: {} });
  await seedRuns(store, 1000);
  await store.close();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const out = spawnSync(
      process.execPath,
      [
        "bin/drlwb.js",
        "runs",
        "list",
        "--sort",
        "-sharpe",
        "--columns",
        "sharpe,maxDrawdown",
        "--store",
        url,
      ],
      { encoding: "utf8", env: { ...process.env, DRLWB_STORE: "" } },
    );
    times.push(performance.now() - t0);
    if (out.status !== 0) throw new Error(`drlwb runs list failed: ${out.stderr}`);
  }
  return quantile(times, 0.5);
}

const dir = mkdtempSync(join(tmpdir(), "drlwb-bench-store-"));
const postgres = await startPostgres();
try {
  const config = (url: string) => resolveStoreConfig({ url });
  const sqlite = await measure("sqlite", () =>
    openStore({ config: config(`sqlite:${join(dir, "bench.db")}`), baseDir: dir, env: {} }),
  );
  const pgUrl = await postgres.createDatabase("bench");
  const pg = await measure("postgres", () =>
    openStore({ config: config(pgUrl), baseDir: dir, env: {} }),
  );
  const cliMs = await cliRunsListMs(dir);
  console.log(
    `drlwb runs list --sort -sharpe over 1,000 runs (CLI, Node start included): ${cliMs.toFixed(0)} ms`,
  );
  const round = (x: number, digits = 2) => Number(x.toFixed(digits));
  console.log(
    JSON.stringify({
      predictionLogRowsPerSecondSqlite: Math.round(sqlite.rowsPerSecond),
      predictionLogRowsPerSecondPostgres: Math.round(pg.rowsPerSecond),
      runsListP50MsSqlite: round(sqlite.runsList.p50),
      runsListP99MsSqlite: round(sqlite.runsList.p99),
      runsListP50MsPostgres: round(pg.runsList.p50),
      runsListP99MsPostgres: round(pg.runsList.p99),
      trialWriteReadP50MsSqlite: round(sqlite.trial.p50),
      trialWriteReadP99MsSqlite: round(sqlite.trial.p99),
      trialWriteReadP99MsPostgres: round(pg.trial.p99),
      cliRunsList1000Ms: Math.round(cliMs),
    }),
  );
} finally {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
