/**
 * `drlwb runs list` reads the tracking store: metric columns, sort, filter,
 * limit, JSON; a bad filter exits 2 with the caret message; run folders the
 * store lacks are pointed at `drlwb store reindex`; `--folders` keeps the
 * folder listing with corrupt runs; listing never creates a store.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { runCli } from "../support/cli.js";
import { seedRuns } from "../support/store-runs.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-runs-list-"));
const storeUrl = `sqlite:${join(root, "drlwb.db")}`;
const runsDir = join(root, "runs");
const m = (entries: Record<string, number>) => new Map(Object.entries(entries));

beforeAll(async () => {
  const store = await openStore({
    config: resolveStoreConfig({ url: storeUrl }),
    baseDir: root,
    env: {},
  });
  await seedRuns(store, [
    {
      id: "run-a",
      experiment: "swx-momentum",
      status: "complete",
      seed: 1,
      startedAt: "2026-01-01T10:00:00.000Z",
      metrics: m({ sharpe: 1.2345, cagr: 0.1, maxDrawdown: -0.15 }),
    },
    {
      id: "run-b",
      experiment: "baseline",
      status: "complete",
      seed: 2,
      startedAt: "2026-01-02T10:00:00.000Z",
      metrics: m({ sharpe: 0.5, cagr: 0.05, maxDrawdown: -0.3 }),
    },
    {
      id: "run-c",
      experiment: "swx-mean-rev",
      status: "failed",
      seed: 3,
      startedAt: "2026-01-03T10:00:00.000Z",
      metrics: m({ cagr: -0.02, maxDrawdown: -0.4 }),
    },
    {
      id: "run-d",
      experiment: "swx-momentum",
      status: "complete",
      seed: 4,
      startedAt: "2026-01-04T10:00:00.000Z",
      metrics: m({ sharpe: 2, cagr: 123456.5, maxDrawdown: -0.05 }),
    },
  ]);
  await store.close();
  for (const id of ["run-a", "run-b", "run-c", "run-d", "run-e-not-indexed"]) {
    mkdirSync(join(runsDir, id), { recursive: true });
    writeFileSync(join(runsDir, id, "run.json"), id === "run-e-not-indexed" ? "{" : "{}");
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const list = (...args: string[]) =>
  runCli(["runs", "list", "--store", storeUrl, "--dir", runsDir, ...args]);

describe("drlwb runs list (from the store)", () => {
  it("shows an aligned table sorted by a metric, nulls last, with the asked columns", async () => {
    const result = await list("--columns", "sharpe,cagr,maxDrawdown", "--sort", "-sharpe");
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^id\s+experiment\s+status\s+sharpe\s+cagr\s+maxDrawdown$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual([
      "run-d",
      "run-a",
      "run-b",
      "run-c",
    ]);
    // Numbers: four decimals, right-aligned in their column; a missing one is "—".
    expect(lines[1]).toMatch(
      /run-d\s+swx-momentum\s+complete\s+2\.0000\s+123456\.5000\s+-0\.0500$/,
    );
    expect(lines[4]).toMatch(/run-c\s+swx-mean-rev\s+failed\s+—\s+-0\.0200\s+-0\.4000$/);
    const sharpeEnd = (lines[0] ?? "").indexOf("sharpe") + "sharpe".length;
    for (const line of lines.slice(1)) expect(line[sharpeEnd - 1]).toMatch(/[0-9—]/);
    expect(result.stderr).toContain("1 run folder in");
    expect(result.stderr).toContain("drlwb store reindex");
  });

  it("filters in the store and prints JSON rows", async () => {
    const result = await list(
      "--filter",
      "sharpe > 1 and name ~ SWX",
      "--columns",
      "sharpe",
      "--json",
    );
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as {
      id: string;
      metrics: Record<string, number | null>;
    }[];
    expect(rows.map((r) => [r.id, r.metrics.sharpe])).toEqual([
      ["run-d", 2],
      ["run-a", 1.2345],
    ]);
    const limited = JSON.parse((await list("--limit", "1", "--offset", "1", "--json")).stdout) as {
      id: string;
    }[];
    expect(limited.map((r) => r.id)).toEqual(["run-c"]);
  });

  it("exits 2 on a bad filter with the filter, a caret and a suggestion", async () => {
    const result = await list("--filter", "sharpe > 1 and maxDrawdwn > -0.2");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bad filter at column 16");
    expect(result.stderr).toContain("  sharpe > 1 and maxDrawdwn > -0.2\n                 ^");
    expect(result.stderr).toContain("did you mean maxDrawdown?");
    expect((await list("--limit", "0")).code).toBe(2);
    expect((await list("--columns", "sharpe;drop")).code).toBe(2);
  });

  it("says the store has no runs and points to reindex, without creating a store file", async () => {
    const missing = join(root, "none", "drlwb.db");
    const result = await runCli(["runs", "list", "--store", `sqlite:${missing}`, "--dir", runsDir]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("has no runs, but");
    expect(result.stderr).toContain("holds 5 run folders: index them with drlwb store reindex");
    expect(existsSync(missing)).toBe(false);
    expect(
      (
        await runCli(["runs", "list", "--store", `sqlite:${missing}`, "--dir", runsDir, "--json"])
      ).stdout.trim(),
    ).toBe("[]");
  });

  it("--folders lists the run folders themselves, corrupt ones with their problem", async () => {
    const result = await runCli(["runs", "list", "--folders", "--dir", runsDir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/run-e-not-indexed\s+corrupt/);
    expect((await runCli(["runs", "list", "--folders", "--sort", "-sharpe"])).code).toBe(2);
  });
});
