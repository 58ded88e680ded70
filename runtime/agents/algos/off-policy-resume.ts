import type { CompletedEpisode } from "../envs/vec-env.js";
import type { ResumeState } from "./agent.js";
import type { EpisodeLog, EpisodeLogState } from "./episode-log.js";
import { ReplayBuffer, type ReplayBufferPosition } from "./replay-buffer.js";
import type { RngPosition } from "./resumable-rng.js";
import { damagedState } from "./resume-error.js";

/** The off-policy loop's reporting state between two `onIteration` calls. */
export interface OffPolicyLoop {
  sinceReport: number;
  episodes: CompletedEpisode[];
  losses: Record<string, number>;
}

const FORMAT = "off-policy/1";

interface OffPolicyMeta {
  readonly format: typeof FORMAT;
  readonly rng: RngPosition;
  readonly buffer: ReplayBufferPosition | null;
  readonly episode: EpisodeLogState;
  readonly loop: OffPolicyLoop;
  readonly algo: Record<string, number>;
}

/** Column name → file stem in the checkpoint (snake_case like the rest of the run folder). */
const COLUMNS = {
  obs: "replay_obs",
  nextObs: "replay_next_obs",
  actions: "replay_actions",
  rewards: "replay_rewards",
  dones: "replay_dones",
} as const;
const EPISODE_ACTIONS = "episode_actions";

export function offPolicyResumeState(parts: {
  rng: RngPosition;
  buffer: ReplayBuffer | null;
  episode: EpisodeLog;
  loop: OffPolicyLoop;
  algo: Record<string, number>;
}): ResumeState {
  const meta: OffPolicyMeta = {
    format: FORMAT,
    rng: parts.rng,
    buffer: parts.buffer?.bufferPosition() ?? null,
    episode: parts.episode.state(),
    loop: {
      sinceReport: parts.loop.sinceReport,
      episodes: [...parts.loop.episodes],
      losses: { ...parts.loop.losses },
    },
    algo: parts.algo,
  };
  const arrays: Record<string, Float32Array | Float64Array> = {
    [EPISODE_ACTIONS]: parts.episode.recordedActions(),
  };
  if (parts.buffer) {
    const columns = parts.buffer.columns();
    for (const [key, name] of Object.entries(COLUMNS)) {
      arrays[name] = columns[key as keyof typeof COLUMNS];
    }
  }
  return { meta: meta as unknown as Record<string, unknown>, arrays };
}

export interface OffPolicySaved {
  readonly rng: RngPosition;
  readonly buffer: ReplayBuffer | null;
  readonly episode: EpisodeLogState;
  readonly episodeActions: Float64Array;
  readonly loop: OffPolicyLoop;
  readonly algo: Record<string, number>;
}

function float32(state: ResumeState, name: string): Float32Array {
  const a = state.arrays[name];
  if (!(a instanceof Float32Array)) throw damagedState(`missing float32 array ${name}`);
  return a;
}

/** Reads what `offPolicyResumeState` wrote, checking its format and array types. */
export function readOffPolicyResumeState(state: ResumeState, algo: string): OffPolicySaved {
  const meta = state.meta as unknown as OffPolicyMeta;
  if (meta.format !== FORMAT) {
    throw damagedState(`${algo}: format ${String(meta.format)}, expected ${FORMAT}`);
  }
  const actions = state.arrays[EPISODE_ACTIONS];
  if (!(actions instanceof Float64Array)) {
    throw damagedState(`missing float64 array ${EPISODE_ACTIONS}`);
  }
  const buffer = meta.buffer
    ? ReplayBuffer.fromState(meta.buffer, {
        obs: float32(state, COLUMNS.obs),
        nextObs: float32(state, COLUMNS.nextObs),
        actions: float32(state, COLUMNS.actions),
        rewards: float32(state, COLUMNS.rewards),
        dones: float32(state, COLUMNS.dones),
      })
    : null;
  return {
    rng: meta.rng,
    buffer,
    episode: meta.episode,
    episodeActions: actions,
    loop: {
      sinceReport: meta.loop.sinceReport,
      episodes: [...meta.loop.episodes],
      losses: { ...meta.loop.losses },
    },
    algo: meta.algo,
  };
}
