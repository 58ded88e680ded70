import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAlgorithmRegistry } from "../../../runtime/agents/algos/registry.js";
import { initBackend } from "../../../runtime/agents/backend/init-backend.js";
import { createCartPole } from "../../../runtime/agents/envs/cartpole.js";
import { discrete } from "../../../runtime/agents/envs/spaces.js";
import { readCheckpointTimesteps, trainAgent } from "../../../runtime/agents/training/trainer.js";

const script = fileURLToPath(new URL("../support/train-with-checkpoints.ts", import.meta.url));
const root = fileURLToPath(new URL("../../../", import.meta.url));

function run(
  dir: string,
  killAt?: number,
): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, dir, "4096"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += String(d);
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, out }));
    if (killAt !== undefined) {
      const timer = setInterval(() => {
        if ((readCheckpointTimesteps(dir) ?? 0) >= killAt) {
          clearInterval(timer);
          child.kill("SIGKILL");
        }
      }, 20);
      child.on("exit", () => clearInterval(timer));
    }
  });
}

describe("checkpoints", () => {
  it("resume after SIGKILL from the last complete checkpoint and finish the budget", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drlwb-ckpt-"));
    const killed = await run(dir, 1024);
    expect(killed.signal).toBe("SIGKILL");
    const at = readCheckpointTimesteps(dir)!;
    expect(at).toBeGreaterThanOrEqual(1024);
    expect(at).toBeLessThan(4096);
    const resumed = await run(dir);
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.out.trim().split("\n").at(-1)!);
    expect(summary.resumedFrom).toBe(at);
    expect(summary.timesteps).toBe(4096);
    expect(readCheckpointTimesteps(dir)).toBe(4096);
    // The metrics log continues across the kill.
    const steps = readFileSync(join(dir, "metrics.jsonl"), "utf8")
      .trim()
      .split("\n")
      .flatMap((l) => {
        try {
          return [JSON.parse(l).timesteps as number];
        } catch {
          return [];
        }
      });
    expect(steps.at(-1)).toBe(4096);
  }, 120_000);

  it("resuming the same checkpoint twice gives identical weights", async () => {
    await initBackend("cpu");
    const make = () =>
      createAlgorithmRegistry()
        .get("ppo")
        .create({
          observationSize: 4,
          actionSpace: discrete(2),
          hyperparameters: { n_steps: 128, batch_size: 64, n_epochs: 1 },
          seed: 8,
          makeEnv: (i) => createCartPole(i),
        });
    const base = mkdtempSync(join(tmpdir(), "drlwb-ckpt-"));
    await trainAgent(make(), { totalTimesteps: 256, checkpointDir: base, checkpointFreq: 128 });
    const copies = [
      mkdtempSync(join(tmpdir(), "drlwb-ckpt-")),
      mkdtempSync(join(tmpdir(), "drlwb-ckpt-")),
    ];
    const weights = [];
    for (const copy of copies) {
      cpSync(base, copy, { recursive: true });
      const agent = make();
      const summary = await trainAgent(agent, {
        totalTimesteps: 512,
        checkpointDir: copy,
        resume: true,
      });
      expect(summary.resumedFrom).toBe(256);
      weights.push(agent.snapshot().weights);
    }
    expect(weights[1]).toEqual(weights[0]);
    expect(existsSync(join(base, "checkpoint.json"))).toBe(true);
  });
});
