/**
 * `drlwb train` on the control tasks: each algorithm on its verification env
 * (ppo/a2c/dqn → CartPole-v1, sac/td3/ddpg → Pendulum-v1) trains through the
 * command into a run folder with tiny budgets (this proves the wiring and
 * determinism, not learning: `npm run bench -- rl` checks the solves).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { trainCommand } from "../../cli/train.js";
import { bufferIO } from "../support/cli.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-train-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeSpec(name: string, text: string): string {
  const file = join(root, name);
  writeFileSync(file, text);
  return file;
}

const cases = [
  {
    type: "ppo",
    env: "cartpole",
    hp: "{ n_envs: 2, n_steps: 64, batch_size: 64, n_epochs: 2, net_arch: [16, 16] }",
  },
  { type: "a2c", env: "cartpole", hp: "{ n_envs: 2, n_steps: 8, net_arch: [16, 16] }" },
  {
    type: "dqn",
    env: "cartpole",
    hp: "{ learning_starts: 64, batch_size: 32, train_freq: 16, net_arch: [16, 16] }",
  },
  {
    type: "sac",
    env: "pendulum",
    hp: "{ learning_starts: 64, batch_size: 32, net_arch: [16, 16] }",
  },
  {
    type: "td3",
    env: "pendulum",
    hp: "{ learning_starts: 64, batch_size: 32, net_arch: [16, 16] }",
  },
  {
    type: "ddpg",
    env: "pendulum",
    hp: "{ learning_starts: 64, batch_size: 32, net_arch: [16, 16] }",
  },
] as const;

async function train(file: string, out: string, seed: number) {
  const io = bufferIO();
  const code = await trainCommand(file, { seed, out, json: true }, io);
  expect(io.text().err).toBe("");
  expect(code).toBe(0);
  const printed = JSON.parse(io.text().out) as { dir: string; status: string };
  return {
    ...printed,
    metrics: JSON.parse(readFileSync(join(printed.dir, "metrics.json"), "utf8")),
  };
}

describe("drlwb train: each algorithm on its verification env", () => {
  it.each(cases)("$type on $env", { timeout: 30_000 }, async ({ type, env, hp }) => {
    const file = writeSpec(
      `agent-${type}-${env}.yaml`,
      `kind: agent\ntype: ${type}\nenv: { type: ${env} }\ntotal_timesteps: 256\n` +
        `hyperparameters: ${hp}\nevaluation: { episodes: 3 }\n`,
    );
    const out = join(root, `runs-${type}`);
    const first = await train(file, out, 7);
    expect(first.status).toBe("complete");
    const run = JSON.parse(readFileSync(join(first.dir, "run.json"), "utf8"));
    expect(run.status).toBe("complete");
    expect(run.seed).toBe(7);
    expect(run.stages).toEqual([
      expect.objectContaining({ kind: "train", type, status: "complete" }),
    ]);
    expect(readFileSync(join(first.dir, "spec.resolved.yaml"), "utf8")).toContain("kind: agent");
    const m = first.metrics.train;
    expect(m).toMatchObject({ algo: type, env, eval_episodes: 3, stopped_by: "total_timesteps" });
    expect(m.timesteps).toBeGreaterThanOrEqual(256);
    expect(m.timesteps).toBeLessThanOrEqual(512);
    for (const k of ["mean_reward", "std_reward", "iqm_reward"]) {
      expect(Number.isFinite(m[k])).toBe(true);
    }
    expect(m.min_reward).toBeLessThanOrEqual(m.iqm_reward);
    expect(m.iqm_reward).toBeLessThanOrEqual(m.max_reward);
    if (env === "cartpole") expect(m.min_reward).toBeGreaterThanOrEqual(1);
    else expect(m.max_reward).toBeLessThanOrEqual(0); // Pendulum rewards are ≤ 0
    const stage = join(first.dir, "stages", "train");
    const evaluation = JSON.parse(readFileSync(join(stage, "evaluation.json"), "utf8"));
    expect(evaluation.summary.n).toBe(3);
    expect(evaluation.summary.mean).toBeCloseTo(m.mean_reward, 12);
    const log = readFileSync(join(stage, "metrics.jsonl"), "utf8").trim().split("\n");
    expect(log.length).toBeGreaterThan(0);
    expect(existsSync(join(stage, "model", "model.json"))).toBe(true);

    // Same seed → same metrics and the same weights; another seed → other weights.
    const second = await train(file, out, 7);
    expect(second.dir).not.toBe(first.dir);
    // metrics.json is deterministic: the whole file is equal for the same seed.
    expect(second.metrics).toEqual(first.metrics);
    const weights = (dir: string) =>
      readFileSync(join(dir, "stages", "train", "model", "weights.bin"));
    expect(weights(second.dir).equals(weights(first.dir))).toBe(true);
    const other = await train(file, join(root, `runs-${type}-other`), 8);
    expect(weights(other.dir).equals(weights(first.dir))).toBe(false);
  });
});

describe("drlwb train refuses what it cannot train", () => {
  it("a trading env in a kind: agent spec is a user error at /env/type with line:col and no run folder", async () => {
    const file = writeSpec(
      "agent-ppo-spy.yaml",
      "kind: agent\ntype: ppo\nenv:\n  type: single_asset\n  symbol: SPY\ntotal_timesteps: 256\n",
    );
    const out = join(root, "runs-refused");
    const io = bufferIO();
    const code = await trainCommand(file, { out }, io);
    expect(code).toBe(2);
    const err = io.text().err;
    expect(err).toContain(`${file}:4:3  /env/type`);
    expect(err).toContain("extends: ./agent-ppo-spy.yaml");
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it("an algorithm that cannot act in the env's action space is placed at /type", async () => {
    const file = writeSpec(
      "agent-sac-cartpole.yaml",
      "kind: agent\ntype: sac\nenv: { type: cartpole }\ntotal_timesteps: 256\n",
    );
    const io = bufferIO();
    expect(await trainCommand(file, { out: join(root, "runs-mismatch") }, io)).toBe(2);
    expect(io.text().err).toContain(`${file}:2:1  /type`);
    expect(io.text().err).toContain("sac cannot act in a discrete action space");
  });

  it("an experiment spec is not an agent spec", async () => {
    const io = bufferIO();
    expect(await trainCommand("specs/quickstart.yaml", { out: join(root, "runs-x") }, io)).toBe(2);
    expect(io.text().err).toContain("takes a kind: agent spec");
  });
});
