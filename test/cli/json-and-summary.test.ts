/**
 * `drlwb run` ends with a short summary (issue 15): total return, Sharpe ratio
 * and max drawdown of the run's signal next to buy & hold and the baseline,
 * and whether the signal beat each — on the terminal and as `summary` in the
 * --json output, taken from the backtest's own statistics. And every command
 * takes `--json` as the README says (`report`, `compare` and `serve` refused it):
 * report/compare print the files they wrote, serve one line saying where it listens.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../cli/main.js";
import { bufferIO, runCli } from "../support/cli.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "drlwb-json-summary-"));
const runsDir = join(root, "runs");
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A PPO agent trained for a moment, backtested against buy & hold and an SMA baseline. */
const AGENT_SPEC = `name: tiny-agent
seed: 3
data: { source: bundled, name: goog }
segments:
  train: { start: 2004-08-19, end: 2008-12-31 }
  test: { start: 2011-01-03, end: 2013-03-01 }
features: [ { type: log_return } ]
agent:
  type: ppo
  env: { type: single_asset, symbol: GOOG, window: 2, episode_length: 64 }
  total_timesteps: 256
  hyperparameters: { n_steps: 64, batch_size: 32, n_epochs: 1 }
  evaluation: { episodes: 1, episode_length: 32 }
backtest:
  baseline: { type: sma_crossover, fast: 5, slow: 20 }
`;

interface Row {
  role: string;
  name: string;
  totalReturn: number;
  sharpeRatio: number;
  maxDrawdown: number;
}
interface RunJson {
  id: string;
  dir: string;
  status: string;
  metrics: { backtest: Record<string, Record<string, number>> };
  summary: {
    segment: string;
    signal: Row;
    benchmark?: Row;
    baseline?: Row;
    beat: Record<string, { totalReturn: boolean; sharpeRatio: boolean; maxDrawdown: boolean }>;
  };
}

let agentRun: RunJson;
let strategyRun: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  const spec = join(root, "tiny-agent.yaml");
  writeFileSync(spec, AGENT_SPEC);
  const json = await runCli(["run", spec, "--out", runsDir, "--json"]);
  expect(json.code, json.stderr).toBe(0);
  agentRun = JSON.parse(json.stdout) as RunJson;
  strategyRun = await runCli([
    "run",
    join(repo, "test/fixtures/specs/jobs/quick-strategy.yaml"),
    "--out",
    runsDir,
  ]);
  expect(strategyRun.code, strategyRun.stderr).toBe(0);
}, 180_000);

describe("the run summary", () => {
  it("is in the --json output, from the backtest's own statistics", () => {
    const { summary, metrics } = agentRun;
    expect(summary.segment).toBe("test");
    for (const role of ["signal", "benchmark", "baseline"] as const) {
      const row = summary[role]!;
      const stats = metrics.backtest[role === "signal" ? "strategy" : role]!;
      expect(row.totalReturn).toBe(stats.totalReturn);
      expect(row.sharpeRatio).toBe(stats.sharpeRatio);
      expect(row.maxDrawdown).toBe(stats.maxDrawdown);
    }
    expect(summary.signal).toMatchObject({ role: "strategy", name: "ppo" });
    expect(summary.benchmark).toMatchObject({ role: "benchmark", name: "buy_and_hold" });
    expect(summary.baseline).toMatchObject({ role: "baseline", name: "sma_crossover" });
    for (const reference of ["benchmark", "baseline"] as const) {
      const other = summary[reference]!;
      expect(summary.beat[reference]).toEqual({
        totalReturn: summary.signal.totalReturn > other.totalReturn,
        sharpeRatio: summary.signal.sharpeRatio > other.sharpeRatio,
        maxDrawdown: summary.signal.maxDrawdown > other.maxDrawdown,
      });
    }
  });

  it("ends the terminal output: each curve's figures, then a verdict per reference", () => {
    const lines = strategyRun.stdout.trim().split("\n");
    expect(lines[0]).toBe("summary (test segment)");
    expect(lines[1]).toMatch(
      /^sma_crossover\s+return\s+-?\d+\.\d\d %\s+Sharpe\s+-?\d+\.\d\d\s+max drawdown\s+-?\d+\.\d\d %$/,
    );
    expect(lines[2]).toMatch(/^buy & hold\s+return /);
    expect(lines[3]).toMatch(/^sma_crossover (beat|did not beat) buy & hold/);
    expect(lines).toHaveLength(4); // a rule strategy has no baseline
    expect(strategyRun.stderr).toMatch(/run \S+ complete in/);
  });
});

/** Every command that does something (the leaves of the command tree), by full name. */
function leafCommands(command: Command, prefix = ""): [string, Command][] {
  return command.commands.flatMap((sub) => {
    const name = `${prefix}${sub.name()}`;
    return sub.commands.length > 0 ? leafCommands(sub, `${name} `) : [[name, sub]];
  });
}

describe("--json", () => {
  it("is an option of every command", () => {
    const leaves = leafCommands(buildProgram(bufferIO(), { code: 0 }));
    expect(leaves.length).toBeGreaterThan(15);
    const without = leaves
      .filter(([, command]) => !command.options.some((o) => o.long === "--json"))
      .map(([name]) => name);
    expect(without).toEqual([]);
  });

  it("makes report and compare print the files they wrote as JSON", async () => {
    const report = await runCli(["report", agentRun.dir, "--json"]);
    expect(report.code, report.stderr).toBe(0);
    const written = JSON.parse(report.stdout) as { html: string };
    expect(written.html).toBe(join(agentRun.dir, "report.html"));
    expect(readFileSync(written.html, "utf8")).toContain("<html");
    const out = join(root, "compare.html");
    const strategyId = /^run (\S+) →/m.exec(strategyRun.stderr)?.[1] ?? "";
    const compared = await runCli([
      "compare",
      agentRun.id,
      strategyId,
      "--runs",
      runsDir,
      "--out",
      out,
      "--json",
    ]);
    expect(compared.code, compared.stderr).toBe(0);
    const comparedJson = JSON.parse(compared.stdout) as { html: string; runs: string[] };
    expect(comparedJson.html).toBe(out);
    expect(comparedJson.runs).toHaveLength(2);
    expect(existsSync(out)).toBe(true);
  }, 120_000);

  it("makes serve print where it listens as JSON", async () => {
    const workspace = join(root, "ws");
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(repo, "test/support/drlwb-source.ts"),
        "serve",
        "--port",
        "0",
        "--workspace",
        workspace,
        "--json",
      ],
      { cwd: repo, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    // The first stdout line; request log lines (JSON too) follow it.
    const listening = new Promise<{ url: string; docs: string; openapi: string }>((resolve) => {
      child.stdout.on("data", (d) => {
        const before = stdout;
        stdout += String(d);
        if (!before.includes("\n") && stdout.includes("\n"))
          resolve(JSON.parse(stdout.slice(0, stdout.indexOf("\n"))));
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      const where = await listening;
      expect(where.docs).toBe(`${where.url}/docs`);
      expect(where.openapi).toBe(`${where.url}/openapi.json`);
      expect((await fetch(`${where.url}/health`)).status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
