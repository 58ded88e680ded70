/**
 * npm run bench -- offpolicy-checkpoint
 * Size and cost of an off-policy checkpoint's resume state: a full 100k-row
 * replay buffer for CartPole (obs 4, discrete action) and Pendulum (obs 3,
 * action 1), written with saveResumeState (atomic Float32 files + SHA-256
 * manifest) and read back with loadResumeState; and the cost of putting the
 * sampling stream back at its position (skipping 10M draws).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { EpisodeLog } from "../runtime/agents/algos/episode-log.js";
import { offPolicyResumeState } from "../runtime/agents/algos/off-policy-resume.js";
import { ReplayBuffer } from "../runtime/agents/algos/replay-buffer.js";
import { ResumableRng } from "../runtime/agents/algos/resumable-rng.js";
import { discrete } from "../runtime/agents/envs/spaces.js";
import { loadResumeState, saveResumeState } from "../runtime/agents/io/resume-state-io.js";
import { createRng } from "../runtime/core/rng.js";

function fullBuffer(rows: number, obsSize: number, actionSize: number): ReplayBuffer {
  const rng = createRng(1);
  const buffer = new ReplayBuffer(rows, obsSize, actionSize);
  const obs = new Float64Array(obsSize);
  const next = new Float64Array(obsSize);
  const action = new Float64Array(actionSize);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < obsSize; k++) {
      obs[k] = rng.normal();
      next[k] = rng.normal();
    }
    action[0] = rng.next();
    buffer.add(obs, next, action, rng.normal(), rng.next() < 0.01);
  }
  return buffer;
}

function measure(label: string, obsSize: number, actionSize: number) {
  const rows = 100_000;
  const state = offPolicyResumeState({
    rng: { seed: 1, draws: 0 },
    buffer: fullBuffer(rows, obsSize, actionSize),
    episode: new EpisodeLog(discrete(2)),
    loop: { sinceReport: 0, episodes: [], losses: {} },
    algo: {},
  });
  const dir = mkdtempSync(join(tmpdir(), "drlwb-bench-ckpt-"));
  let t0 = performance.now();
  const { bytes } = saveResumeState(dir, state);
  const saveMs = performance.now() - t0;
  t0 = performance.now();
  loadResumeState(dir);
  const loadMs = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `${label}: ${rows} rows, obs ${obsSize}, action ${actionSize} → ${(bytes / 1e6).toFixed(2)} MB; save ${saveMs.toFixed(1)} ms, load+verify ${loadMs.toFixed(1)} ms`,
  );
  return { bytes, saveMs, loadMs };
}

const cartpole = measure("CartPole replay buffer", 4, 1);
const pendulum = measure("Pendulum replay buffer", 3, 1);
const draws = 10_000_000;
const rng = new ResumableRng(createRng(7));
const t0 = performance.now();
rng.restore({ seed: 7, draws });
const skipMs = performance.now() - t0;
console.log(`sampling stream restore: ${draws} draws skipped in ${skipMs.toFixed(0)} ms`);
console.log(
  JSON.stringify({
    cartpole100kBytes: cartpole.bytes,
    cartpole100kSaveMs: cartpole.saveMs,
    cartpole100kLoadMs: cartpole.loadMs,
    pendulum100kBytes: pendulum.bytes,
    pendulum100kSaveMs: pendulum.saveMs,
    pendulum100kLoadMs: pendulum.loadMs,
    rngSkip10MDrawsMs: skipMs,
  }),
);
