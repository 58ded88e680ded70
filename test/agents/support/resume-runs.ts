/**
 * The harness the resume tests share: an uninterrupted training run, and a run
 * stopped at a checkpoint whose agent is dropped and resumed fresh from the
 * folder; plus bitwise views of weights and resume arrays for comparing them.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { Agent, ResumeState } from "../../../runtime/agents/algos/agent.js";
import { loadResumeState } from "../../../runtime/agents/io/resume-state-io.js";
import {
  checkpointModelDir,
  readCheckpointTimesteps,
  trainAgent,
} from "../../../runtime/agents/training/trainer.js";
import type { Progress } from "../../../runtime/core/progress.js";

/** Total steps, checkpoint interval and the checkpoint the interrupted run stops at. */
export interface ResumePlan {
  readonly total: number;
  readonly every: number;
  readonly stopAt: number;
}

export const resumeTempDir = (): string => mkdtempSync(join(tmpdir(), "drlwb-resume-"));

/** Bytes of a float array, for bitwise comparison (toEqual would equate 0 and −0 and compare NaNs loosely). */
export const bits = (a: Float32Array | Float64Array): string =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");

export function weightBits(agent: Agent): Record<string, string> {
  return Object.fromEntries(agent.snapshot().weights.map((w) => [w.name, bits(w.values)]));
}

export function stateBits(state: ResumeState): Record<string, string> {
  return Object.fromEntries(Object.entries(state.arrays).map(([k, v]) => [k, bits(v)]));
}

/** A progress display that aborts training once it has seen `at` steps (the trainer checkpoints first). */
function stopAfter(at: number, controller: AbortController): Progress {
  return {
    start() {},
    update(done) {
      if (done >= at) controller.abort();
    },
    finish() {},
  };
}

const trainingOptions = (plan: ResumePlan, dir: string) => ({
  totalTimesteps: plan.total,
  checkpointDir: dir,
  checkpointFreq: plan.every,
  metricsPath: join(dir, "metrics.jsonl"),
});

export async function uninterruptedRun(make: () => Agent, plan: ResumePlan) {
  const dir = resumeTempDir();
  const agent = make();
  await trainAgent(agent, trainingOptions(plan, dir));
  return { dir, agent };
}

/** Trains to the checkpoint at `plan.stopAt`, drops the agent, resumes a fresh one from the folder. */
export async function interruptedRun(
  make: () => Agent,
  plan: ResumePlan,
  tamper?: (modelDir: string) => void,
) {
  const dir = resumeTempDir();
  const controller = new AbortController();
  const first = make();
  const part = await trainAgent(first, {
    ...trainingOptions(plan, dir),
    progress: stopAfter(plan.stopAt, controller),
    signal: controller.signal,
  });
  expect(part.stoppedBy).toBe("aborted");
  first.dispose();
  expect(readCheckpointTimesteps(dir)).toBe(plan.stopAt);
  tamper?.(checkpointModelDir(dir));
  const saved = loadResumeState(join(checkpointModelDir(dir), "resume"));
  const agent = make();
  const summary = await trainAgent(agent, { ...trainingOptions(plan, dir), resume: true });
  expect(summary.resumedFrom).toBe(plan.stopAt);
  return { dir, agent, saved };
}
