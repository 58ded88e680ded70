import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { createStudy } from "../../runtime/store/studies.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";

const WORKERS = 8;
const TRIALS_PER_WORKER = 500;
const TOTAL = WORKERS * TRIALS_PER_WORKER;

const root = mkdtempSync(join(tmpdir(), "drlwb-store-concurrent-"));
const writer = join(import.meta.dirname, "fixtures", "trial-writer.ts");
let postgres: PostgresInstance;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Runs one writer process to its end; rejects with its stderr when it fails. */
function runWriter(worker: string, urls: readonly string[]): Promise<void> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", writer, "race", worker, String(TRIALS_PER_WORKER), ...urls],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${worker} exited ${code ?? signal}: ${stderr}`)),
    );
  });
}

/** Every trial once, numbered 0…TOTAL-1, each with its one intermediate value. */
async function expectEveryTrialOnce(
  store: TrackingStore,
  workers: readonly string[],
): Promise<void> {
  const rows = await store.db
    .selectFrom("trials")
    .select(["number", "params", "state", "value", "worker"])
    .where("study_id", "=", "race")
    .orderBy("number")
    .execute();
  expect(rows.map((r) => r.number)).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
  const written = new Map<string, number>();
  for (const row of rows) {
    const params = JSON.parse(row.params) as { worker: string; i: number };
    expect(row).toMatchObject({ state: "complete", value: params.i, worker: params.worker });
    written.set(`${params.worker}/${params.i}`, row.number);
  }
  expect(written.size).toBe(TOTAL);
  for (const w of workers)
    for (let i = 0; i < TRIALS_PER_WORKER; i++) expect(written.has(`${w}/${i}`)).toBe(true);
  const values = await store.db
    .selectFrom("trial_values as v")
    .innerJoin("trials as t", (j) =>
      j.onRef("t.study_id", "=", "v.study_id").onRef("t.number", "=", "v.number"),
    )
    .select(["v.number", "v.step", "v.value", "t.params"])
    .where("v.study_id", "=", "race")
    .orderBy("v.number")
    .execute();
  expect(values.length).toBe(TOTAL);
  for (const v of values) {
    const params = JSON.parse(v.params) as { i: number };
    expect([v.step, v.value]).toEqual([0, params.i / 2]);
  }
}

describe("concurrent trial writers", () => {
  // One engine at a time: a writer that wrote both at once would hold SQLite's write lock while it
  // waits on PostgreSQL, which measures that convoy rather than either engine.
  for (const engine of ["sqlite", "postgres"] as const) {
    it(`${WORKERS} processes × ${TRIALS_PER_WORKER} trials into ${engine} at once: every trial once, numbered 0…${TOTAL - 1} without gaps`, async () => {
      const url =
        engine === "sqlite"
          ? `sqlite:${join(root, "concurrent.db")}`
          : await postgres.createDatabase("concurrent");
      const setup = await openStore({
        config: resolveStoreConfig({ url }),
        baseDir: root,
        env: {},
      });
      await createStudy(setup, { id: "race", direction: "maximize", objective: "sharpe" });
      await setup.close();

      const workers = Array.from({ length: WORKERS }, (_, w) => `w${w}`);
      await Promise.all(workers.map((w) => runWriter(w, [url])));

      const store = await openStore({
        config: resolveStoreConfig({ url }),
        baseDir: root,
        env: {},
      });
      try {
        await expectEveryTrialOnce(store, workers);
      } finally {
        await store.close();
      }
    }, 300_000);
  }
});
