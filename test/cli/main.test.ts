import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "drlwb-cli-"));
const spec = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe("drlwb CLI", () => {
  it("prints help for the program and each command with exit 0", async () => {
    const top = await runCli(["--help"]);
    expect(top.code).toBe(0);
    for (const command of [
      "validate",
      "plan",
      "run",
      "runs",
      "models",
      "serve",
      "token",
      "report",
      "compare",
      "sweep",
      "data",
    ]) {
      expect(top.stdout).toContain(command);
    }
    expect((await runCli(["run", "--help"])).stdout).toContain("--seed <n>");
  });

  it("exits 2 with a suggestion for an unknown command and for bad options", async () => {
    const typo = await runCli(["valdate", "x.yaml"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Did you mean validate\?/);
    expect((await runCli(["plan", "specs/quickstart.yaml", "--seed", "-3"])).code).toBe(2);
  });

  it("validates every example spec with exit 0", async () => {
    const { readdirSync } = await import("node:fs");
    const files = readdirSync("specs")
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => join("specs", f));
    const result = await runCli(["validate", ...files]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("reports a bad spec as file:line:col  /path  message and exits 2, with --json too", async () => {
    const bad = spec(
      "bad.yaml",
      "name: bad\nseed: 1\ndata: { source: bundled, name: spy }\nsegments:\n  train: { start: 2008-01-02, end: 2010-12-31 }\n  test: { start: 2011-01-03, end: 2012-12-31 }\nstrategy: { type: sma_crossover, fats: 10 }\n",
    );
    const text = await runCli(["validate", bad]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain(`${bad}:7:34  /strategy/fats`);
    expect(text.stderr).toContain('did you mean "fast"');
    const json = await runCli(["validate", "--json", bad]);
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.stdout) as {
      valid: boolean;
      diagnostics: { line: number; path: string }[];
    }[];
    expect(parsed[0]!.valid).toBe(false);
    expect(parsed[0]!.diagnostics[0]).toMatchObject({ line: 7, path: "/strategy/fats" });
  });

  it("places a stage's own check (contradicting risk limits) at its line:col in validate and plan", async () => {
    const file = spec(
      "limits.yaml",
      "name: limits\ndata: { source: bundled, name: spy }\nsegments:\n  train: { start: 2008-01-02, end: 2013-12-31 }\n  test: { start: 2014-01-02, end: 2017-12-29 }\nstrategy: { type: sma_crossover, fast: 10, slow: 50 }\nrisk:\n  rules:\n    - { type: position_limits, max_position: 2, max_gross: 1 }\n",
    );
    for (const command of ["validate", "plan"]) {
      const result = await runCli([command, file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `${file}:9:32  /risk/rules/0/max_position  \`max_position\` (2) contradicts \`max_gross\` (1)`,
      );
    }
  });

  it("plans the quickstart: stages in order with their types", async () => {
    const plan = await runCli(["plan", "specs/quickstart.yaml", "--json"]);
    expect(plan.code).toBe(0);
    const parsed = JSON.parse(plan.stdout) as { stages: { kind: string; type: string }[] };
    expect(parsed.stages.map((s) => s.kind)).toEqual([
      "data",
      "features",
      "regime",
      "signal",
      "risk",
      "backtest",
      "report",
      "register",
    ]);
    expect(parsed.stages.find((s) => s.kind === "signal")?.type).toBe("ppo");
  });

  it("refuses to run a standalone kind spec with exit 2", async () => {
    const result = await runCli(["run", "specs/risk-conservative.yaml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("only experiment specs can be planned or run");
  });

  it("lists no runs in an empty folder", async () => {
    const result = await runCli([
      "runs",
      "list",
      "--store",
      `sqlite:${join(dir, "none.db")}`,
      "--dir",
      join(dir, "none"),
      "--json",
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});
