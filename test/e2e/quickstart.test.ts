import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { readRunRecord } from "../../runtime/run/run-record.js";
import { runCli } from "../support/cli.js";

/**
 * The main job end to end through the CLI, twice with the same seed (the `dev`
 * overlay keeps training short): a complete run folder, a tear sheet, a
 * registered model, and byte-identical metrics.json.
 */
const root = mkdtempSync(join(tmpdir(), "drlwb-e2e-"));
const runsDir = join(root, "runs");
const runs: { code: number; stdout: string; stderr: string }[] = [];

beforeAll(async () => {
  process.env.DRLWB_REGISTRY = join(root, "registry");
  for (let i = 0; i < 2; i++) {
    runs.push(
      await runCli(["run", "specs/quickstart.yaml", "--env", "dev", "--out", runsDir, "--json"]),
    );
  }
}, 600_000);

const dirOf = (i: number): string => (JSON.parse(runs[i]!.stdout) as { dir: string }).dir;

describe("quickstart end to end", () => {
  it("completes with exit 0 and a complete run folder", () => {
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const dir = dirOf(0);
    for (const file of [
      "run.json",
      "spec.resolved.yaml",
      "spec.provenance.json",
      "metrics.json",
      "report.html",
      "logs/run.log",
    ]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const record = readRunRecord(dir)!;
    expect(record.status).toBe("complete");
    expect(record.seed).toBe(42);
    expect(record.env).toBe("dev");
    expect(record.dataHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(record.code.package).toBe("drl-workbench");
    expect(record.stages.map((s) => `${s.kind}:${s.status}`)).toEqual([
      "data:complete",
      "features:complete",
      "regime:complete",
      "signal:complete",
      "risk:complete",
      "backtest:complete",
      "report:complete",
      "register:complete",
    ]);
  });

  it("writes identical metrics.json for the same spec, seed and data", () => {
    const a = readFileSync(join(dirOf(0), "metrics.json"), "utf8");
    const b = readFileSync(join(dirOf(1), "metrics.json"), "utf8");
    expect(dirOf(0)).not.toBe(dirOf(1));
    expect(a).toBe(b);
    const metrics = JSON.parse(a) as Record<string, Record<string, unknown>>;
    expect(Object.keys(metrics)).toEqual(expect.arrayContaining(["regime", "signal", "backtest"]));
  });

  it("records the defaults it filled in and redacts nothing it should not", () => {
    const provenance = JSON.parse(
      readFileSync(join(dirOf(0), "spec.provenance.json"), "utf8"),
    ) as Record<string, string>;
    expect(provenance["/seed"]).toBe("user");
    expect(Object.values(provenance)).toContain("default");
    expect(readFileSync(join(dirOf(0), "spec.resolved.yaml"), "utf8")).toContain(
      "name: quickstart",
    );
  });

  it("registers one version per run with lineage", () => {
    const model = new ModelRegistry(join(root, "registry")).getModel("spy-ppo");
    expect(model.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(model.aliases.challenger).toBe(2);
    const v1 = model.versions[0]!;
    expect(v1.lineage.runId).toBe(readRunRecord(dirOf(0))!.id);
    expect(v1.lineage.dataHash).toBe(readRunRecord(dirOf(0))!.dataHash);
    expect(Object.keys(v1.metrics).length).toBeGreaterThan(5);
    const run = new ModelRegistry(join(root, "registry")).listRuns("quickstart")[0]!;
    expect(run.params).toMatchObject({
      "agent.type": "ppo",
      "agent.total_timesteps": 4096,
      "data.name": "spy",
      seed: 42,
    });
    expect(run.metrics["strategy.sharpeRatio"]).toBeTypeOf("number");
  });

  it("shows the run through `drlwb runs show`", async () => {
    const shown = await runCli([
      "runs",
      "show",
      "--dir",
      runsDir,
      "--json",
      readRunRecord(dirOf(0))!.id,
    ]);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ status: "complete", seed: 42 });
  });
});
