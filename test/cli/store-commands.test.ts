/**
 * The runs index from the CLI: a real `drlwb run` writes its row (status
 * complete, the backtest's metrics) into the store — the default
 * `sqlite:drlwb.db` of the current folder, or `--store postgres://…`;
 * `drlwb store migrate|status|reindex` (reindex after the database is
 * deleted gives the same rows); a damaged store is exit 2 naming the file
 * for the store commands, and only a warning for a run.
 */
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_MIGRATIONS } from "../../runtime/store/migrations/index.js";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { runCli } from "../support/cli.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const quickSpec = join(repo, "test/fixtures/specs/jobs/quick-strategy.yaml");
const root = mkdtempSync(join(tmpdir(), "drlwb-store-cli-"));
let postgres: PostgresInstance;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** `drlwb …` as a child process in `cwd`, without DRLWB_STORE. */
function drlwb(
  args: readonly string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const env = { ...process.env };
  delete env.DRLWB_STORE;
  const child = spawn(
    process.execPath,
    ["--import", tsx, join(repo, "test/support/drlwb-source.ts"), ...args],
    {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += String(d);
  });
  child.stderr.on("data", (d) => {
    stderr += String(d);
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

async function withStore<T>(url: string, work: (store: TrackingStore) => Promise<T>): Promise<T> {
  const store = await openStore({ config: resolveStoreConfig({ url }), baseDir: root, env: {} });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

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

interface RunJson {
  id: string;
  dir: string;
  status: string;
  metrics: { backtest: { strategy: Record<string, number> } };
}

describe("drlwb run indexes the run", () => {
  it("in sqlite:drlwb.db of the current folder by default; store reindex after deleting it gives the same rows", async () => {
    const cwd = join(root, "default");
    mkdirSync(cwd);
    const run = await drlwb(["run", quickSpec, "--json"], cwd);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as RunJson;
    const db = join(cwd, "drlwb.db");
    expect(existsSync(db)).toBe(true);
    const url = `sqlite:${db}`;
    const before = await withStore(url, snapshot);
    expect(before.runs).toEqual([
      expect.objectContaining({
        id: result.id,
        experiment: "job-quick",
        kind: "experiment",
        status: "complete",
        seed: 7,
        run_dir: result.id,
      }),
    ]);
    const metric = (key: string) => before.metrics.find((m) => m.key === key)?.value;
    const strategy = result.metrics.backtest.strategy;
    expect(metric("sharpe")).toBe(strategy.sharpeRatio);
    expect(metric("test.sharpe")).toBe(strategy.sharpeRatio);
    expect(metric("cagr")).toBe(strategy.cagr);
    expect(metric("maxDrawdown")).toBe(strategy.maxDrawdown);
    expect(before.params.find((p) => p.key === "strategy.fast")).toMatchObject({
      value: "10",
      number: 10,
    });

    rmSync(db);
    const reindexed = await runCli([
      "store",
      "reindex",
      "--dir",
      join(cwd, "runs"),
      "--store",
      url,
    ]);
    expect(reindexed.code, reindexed.stderr).toBe(0);
    expect(reindexed.stdout).toContain("indexed 1 run(s)");
    expect(await withStore(url, snapshot)).toEqual(before);

    // The default location as `store status` shows it: as configured, relative.
    const status = await drlwb(["store", "status", "--json"], cwd);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      store: "sqlite:drlwb.db",
      dialect: "sqlite",
      pending: 0,
    });
  }, 180_000);

  it("in PostgreSQL with --store; status never shows the password", async () => {
    const base = await postgres.createDatabase("cli_run");
    const url = base.replace("://drlwb@", "://drlwb:s3cret-pw@");
    const runsDir = join(root, "pg-runs");
    const run = await runCli(["run", quickSpec, "--out", runsDir, "--store", url, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as RunJson;
    const rows = await withStore(url, snapshot);
    expect(rows.runs).toEqual([
      expect.objectContaining({ id: result.id, status: "complete", run_dir: result.id }),
    ]);
    expect(rows.metrics.find((m) => m.key === "sharpe")?.value).toBe(
      result.metrics.backtest.strategy.sharpeRatio,
    );

    const text = await runCli(["store", "status", "--store", url]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).not.toContain("s3cret-pw");
    expect(text.stdout).toContain("(postgres)");
    for (const [name] of STORE_MIGRATIONS)
      expect(text.stdout).toMatch(new RegExp(`${name}\\s+applied`));
    expect(text.stdout).toContain("up to date");

    // Reindex into an empty database: the same rows the run wrote.
    const fresh = await postgres.createDatabase("cli_reindex");
    const reindexed = await runCli([
      "store",
      "reindex",
      "--dir",
      runsDir,
      "--store",
      fresh,
      "--json",
    ]);
    expect(reindexed.code, reindexed.stderr).toBe(0);
    expect(JSON.parse(reindexed.stdout)).toMatchObject({ indexed: 1, removed: 0, skipped: 0 });
    expect(await withStore(fresh, snapshot)).toEqual(rows);
  }, 180_000);

  it("a store that cannot be opened does not fail the run: one warning, the file untouched", async () => {
    const bad = join(root, "garbage.db");
    const garbage = "not a database at all\n".repeat(20);
    writeFileSync(bad, garbage);
    const runsDir = join(root, "bad-store-runs");
    const run = await runCli(["run", quickSpec, "--out", runsDir, "--store", `sqlite:${bad}`]);
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr.split("\n").filter((l) => l.includes("runs index"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("garbage.db");
    expect(readFileSync(bad, "utf8")).toBe(garbage);
    const [folder] = readdirSync(runsDir);
    expect(JSON.parse(readFileSync(join(runsDir, folder!, "run.json"), "utf8")).status).toBe(
      "complete",
    );
  }, 120_000);

  it("refuses a --store location that is not valid before running", async () => {
    const runsDir = join(root, "never");
    const run = await runCli(["run", quickSpec, "--out", runsDir, "--store", "mysql://x"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is not valid");
    expect(existsSync(runsDir)).toBe(false);
  });
});

describe("drlwb store", () => {
  it("migrate applies the pending migrations and says which; a second time it is up to date", async () => {
    const url = `sqlite:${join(root, "migrate.db")}`;
    const status = await runCli(["store", "status", "--store", url, "--json"]);
    expect(status.code, status.stderr).toBe(0);
    const pending = JSON.parse(status.stdout) as {
      pending: number;
      migrations: { name: string; appliedAt: string | null }[];
    };
    expect(pending.pending).toBe(STORE_MIGRATIONS.length);
    expect(pending.migrations.every((m) => m.appliedAt === null)).toBe(true);
    const text = await runCli(["store", "status", "--store", url]);
    expect(text.stdout).toContain(`${STORE_MIGRATIONS[0]![0]}  pending`);
    expect(text.stdout).toContain("drlwb store migrate");

    const first = await runCli(["store", "migrate", "--store", url]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`applied ${STORE_MIGRATIONS.length} migration(s)`);
    for (const [name] of STORE_MIGRATIONS) expect(first.stdout).toContain(name);
    const second = await runCli(["store", "migrate", "--store", url, "--json"]);
    expect(JSON.parse(second.stdout)).toMatchObject({ applied: [] });
    const after = await runCli(["store", "status", "--store", url, "--json"]);
    expect(JSON.parse(after.stdout)).toMatchObject({ pending: 0 });
  });

  it("a corrupt or foreign database is exit 2 with a message naming the file, and is left alone", async () => {
    const bad = join(root, "corrupt.db");
    writeFileSync(bad, "garbage, not SQLite\n".repeat(10));
    for (const command of ["status", "migrate", "reindex"]) {
      const out = await runCli(["store", command, "--store", `sqlite:${bad}`]);
      expect(out.code, command).toBe(2);
      expect(out.stderr).toContain(bad);
    }
    expect(readFileSync(bad, "utf8")).toBe("garbage, not SQLite\n".repeat(10));
  });

  it("reads DRLWB_STORE without --store; --store wins over it", async () => {
    const fromEnv = `sqlite:${join(root, "env.db")}`;
    const fromFlag = `sqlite:${join(root, "flag.db")}`;
    const saved = process.env.DRLWB_STORE;
    process.env.DRLWB_STORE = fromEnv;
    try {
      const env = await runCli(["store", "status", "--json"]);
      expect(JSON.parse(env.stdout)).toMatchObject({ store: fromEnv });
      const flag = await runCli(["store", "status", "--store", fromFlag, "--json"]);
      expect(JSON.parse(flag.stdout)).toMatchObject({ store: fromFlag });
    } finally {
      if (saved === undefined) delete process.env.DRLWB_STORE;
      else process.env.DRLWB_STORE = saved;
    }
  });
});
