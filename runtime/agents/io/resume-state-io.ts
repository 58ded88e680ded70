import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../../core/atomic-write.js";
import { UserError } from "../../core/errors.js";
import { agentsMessages } from "../../messages/agents.js";
import type { ResumeState } from "../algos/agent.js";

/*
 * Layout of a checkpoint written by the trainer (training/trainer.ts):
 *
 *   <checkpoint_dir>/checkpoint.json          → { timesteps, algo, model: "step-…", episodes, recentReturns,
 *                                                evaluation: { evaluations, best: { score, timesteps, model? },
 *                                                              sinceImprovement, nextEval, nextCheckpoint } }
 *   <checkpoint_dir>/best-step-0000008000/model.json, weights.bin  (the best evaluation's snapshot, with restore_best)
 *   <checkpoint_dir>/step-0000012000/model.json, weights.bin   (saveSnapshot: weights, optimizer, obs stats)
 *   <checkpoint_dir>/step-0000012000/resume/resume.json        (this module: JSON state + array manifest)
 *   <checkpoint_dir>/step-0000012000/resume/replay_obs.f32, replay_next_obs.f32, replay_actions.f32,
 *                                          replay_rewards.f32, replay_dones.f32, episode_actions.f64
 *
 * PPO / A2C (algos/on-policy-resume.ts) write instead: observations.f64,
 * reward_returns.f64 and episode_actions_<i>.f64 per env copy (a few kB).
 *
 * Only the filled rows of the replay buffer are written: rows × 4 bytes ×
 * (2 × obs + action + 2). A full 100k-row buffer is 4.4 MB for CartPole
 * (obs 4) and 3.6 MB for Pendulum (obs 3); `npm run bench -- offpolicy-checkpoint`.
 */

export const RESUME_MANIFEST = "resume.json";
const FORMAT = "drlwb-resume-state/1";

type Dtype = "float32" | "float64";

/** One binary array of the resume state: raw little-endian values in `file`. */
export interface ResumeArrayEntry {
  readonly name: string;
  readonly file: string;
  readonly dtype: Dtype;
  readonly length: number;
  readonly bytes: number;
  readonly sha256: string;
}

interface ResumeManifest {
  readonly format: typeof FORMAT;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly arrays: readonly ResumeArrayEntry[];
}

function bytesOf(a: Float32Array | Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Writes an agent's resume state into `dir`: one binary file per array
 * (`<name>.f32` / `.f64`, written atomically), then `resume.json` with the
 * JSON part and each array's dtype, length, byte size and SHA-256. The
 * manifest is written last, so a reader never sees it without its arrays.
 */
export function saveResumeState(dir: string, state: ResumeState): { bytes: number } {
  const arrays: ResumeArrayEntry[] = [];
  let total = 0;
  for (const [name, values] of Object.entries(state.arrays)) {
    const dtype: Dtype = values instanceof Float64Array ? "float64" : "float32";
    const file = `${name}.${dtype === "float64" ? "f64" : "f32"}`;
    const bytes = bytesOf(values);
    writeFileAtomic(join(dir, file), bytes);
    total += bytes.byteLength;
    arrays.push({
      name,
      file,
      dtype,
      length: values.length,
      bytes: bytes.byteLength,
      sha256: sha256(bytes),
    });
  }
  const manifest: ResumeManifest = { format: FORMAT, meta: state.meta, arrays };
  writeJsonAtomic(join(dir, RESUME_MANIFEST), manifest);
  return { bytes: total };
}

function damaged(file: string, detail: string): UserError {
  const message = agentsMessages.checkpointCorrupt(file, detail);
  return new UserError(message, [
    { file, path: "", message, hint: agentsMessages.checkpointHint(), severity: "error" },
  ]);
}

/** Reads a resume state written by `saveResumeState`; `null` when `dir` has none. Sizes and hashes are checked. */
export function loadResumeState(dir: string): ResumeState | null {
  const manifestPath = join(dir, RESUME_MANIFEST);
  if (!existsSync(manifestPath)) return null;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as ResumeManifest;
  if (manifest.format !== FORMAT) {
    throw damaged(manifestPath, `format ${String(manifest.format)}, expected ${FORMAT}`);
  }
  const arrays: Record<string, Float32Array | Float64Array> = {};
  for (const entry of manifest.arrays) {
    const path = join(dir, entry.file);
    if (!existsSync(path)) throw damaged(path, "missing");
    const raw = readFileSync(path);
    if (raw.byteLength !== entry.bytes) {
      throw damaged(path, `${raw.byteLength} bytes, the manifest says ${entry.bytes}`);
    }
    if (sha256(raw) !== entry.sha256) throw damaged(path, "SHA-256 differs from the manifest");
    const copy = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer;
    const values = entry.dtype === "float64" ? new Float64Array(copy) : new Float32Array(copy);
    if (values.length !== entry.length) {
      throw damaged(path, `${values.length} values, the manifest says ${entry.length}`);
    }
    arrays[entry.name] = values;
  }
  return { meta: manifest.meta, arrays };
}
