import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "drlwb-cli-train-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("drlwb train (through main)", () => {
  it("is listed in the help and has its own help text", async () => {
    expect((await runCli(["--help"])).stdout).toContain("train");
    const help = await runCli(["train", "--help"]);
    expect(help.code).toBe(0);
    for (const text of ["<agent-spec>", "--seed <n>", "--out <dir>", "--json", "metrics.json"]) {
      expect(help.stdout).toContain(text);
    }
  });

  it("trains a kind: agent spec into --out and prints the run as JSON", async () => {
    const file = join(dir, "agent-a2c-cartpole.yaml");
    writeFileSync(
      file,
      "kind: agent\ntype: a2c\nenv: { type: cartpole }\ntotal_timesteps: 128\n" +
        "hyperparameters: { n_steps: 8, net_arch: [8] }\nevaluation: { episodes: 2 }\n",
    );
    const out = join(dir, "runs");
    const result = await runCli(["train", file, "--seed", "3", "--out", out, "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.status).toBe("complete");
    expect(printed.dir.startsWith(out)).toBe(true);
    expect(printed.train).toMatchObject({ algo: "a2c", env: "cartpole", eval_episodes: 2 });
    const run = JSON.parse(readFileSync(join(printed.dir, "run.json"), "utf8"));
    expect(run.seed).toBe(3);
  });

  it("a hyperparameter the algorithm does not read is a spec error at its line, exit 2, and no run folder", async () => {
    const file = join(dir, "agent-bad.yaml");
    writeFileSync(
      file,
      "kind: agent\ntype: ppo\nenv: { type: cartpole }\ntotal_timesteps: 128\n" +
        "hyperparameters:\n  buffer_size: 1000\n",
    );
    const out = join(dir, "runs-bad");
    const result = await runCli(["train", file, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:6:3  /hyperparameters/buffer_size`);
    expect(result.stderr).toContain('ppo has no hyperparameter "buffer_size"');
    expect(result.stderr).toContain("nothing was run");
    expect(existsSync(out)).toBe(false);
  });
});
