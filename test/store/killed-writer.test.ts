import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { createStudy } from "../../runtime/store/studies.js";
import {
  finishTrial,
  getTrial,
  listTrials,
  reportIntermediate,
  startTrial,
} from "../../runtime/store/trials.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-store-killed-"));
const writer = join(import.meta.dirname, "fixtures", "killed-trial-writer.ts");
let postgres: PostgresInstance;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Starts the writer, waits until it is inside its transaction, then SIGKILLs it. */
async function killMidTransaction(url: string, study: string): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", writer, url, study], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("\n")) resolve();
    });
    child.on("exit", (code) =>
      reject(new Error(`writer exited ${code} before its transaction: ${stderr}`)),
    );
  });
  child.kill("SIGKILL");
  expect(await exited).toBe("SIGKILL");
  return stdout.trim();
}

async function trialRows(store: TrackingStore, study: string) {
  const trials = await store.db
    .selectFrom("trials")
    .selectAll()
    .where("study_id", "=", study)
    .execute();
  const values = await store.db
    .selectFrom("trial_values")
    .selectAll()
    .where("study_id", "=", study)
    .execute();
  return { trials, values };
}

const engines = [
  ["SQLite", async () => `sqlite:${join(root, "killed.db")}`],
  ["PostgreSQL", async () => postgres.createDatabase("killed")],
] as const;

describe.each(engines)("a writer SIGKILLed mid-transaction on %s", (engine, makeUrl) => {
  it("leaves no partial trial; the store opens and takes writes", async () => {
    const url = await makeUrl();
    const config = resolveStoreConfig({ url });
    const setup = await openStore({ config, baseDir: root, env: {} });
    await createStudy(setup, { id: "doomed", direction: "maximize", objective: "sharpe" });
    await setup.close();

    // The writer had numbered its trial (0) and written it with 200 values when it died.
    expect(await killMidTransaction(url, "doomed")).toBe("inside 0");

    const store = await openStore({ config, baseDir: root, env: {} });
    try {
      expect(await trialRows(store, "doomed")).toEqual({ trials: [], values: [] });
      if (engine === "SQLite") {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
          store.db,
        );
        expect(check.rows).toEqual([{ integrity_check: "ok" }]);
      }
      const trial = await startTrial(store, "doomed", { params: { lr: 0.02 } });
      expect(trial.number).toBe(0);
      await reportIntermediate(store, "doomed", 0, 0, 0.5);
      await finishTrial(store, "doomed", 0, { state: "complete", value: 2 });
      expect(await getTrial(store, "doomed", 0)).toMatchObject({
        state: "complete",
        value: 2,
        intermediate: [{ step: 0, value: 0.5 }],
      });
      expect((await listTrials(store, "doomed")).length).toBe(1);
    } finally {
      await store.close();
    }
  }, 120_000);
});
