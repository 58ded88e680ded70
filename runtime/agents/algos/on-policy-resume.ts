import type { ResumeState } from "./agent.js";
import type { EpisodeLogState } from "./episode-log.js";
import type { RngPosition } from "./resumable-rng.js";
import { agentsMessages } from "../../messages/agents.js";
import { damagedState, N_ENVS_KEY, resumeError } from "./resume-error.js";

/*
 * What a PPO / A2C checkpoint saves besides the model (weights, optimizer
 * state, observation and reward statistics, step and iteration counters),
 * taken between two updates (rollout boundaries):
 *
 *   resume.json meta: format, sampling-stream position (seed + the generator's 4 state words),
 *                     each env copy's episode in progress (reset seed, length,
 *                     return), whether each copy's last step ended an episode
 *   observations.f64            current raw observation of every env copy (envs × obs)
 *   reward_returns.f64          the reward scaler's running discounted return per copy
 *   episode_actions_<i>.f64     env actions of copy i's episode in progress
 *
 * A resumed run replays each episode from its seed and actions and checks it
 * reaches the saved observation. A few kB for CartPole.
 */

const FORMAT = "on-policy/1";
const OBSERVATIONS = "observations";
const REWARD_RETURNS = "reward_returns";
const actionsName = (i: number): string => `episode_actions_${i}`;

interface OnPolicyMeta {
  readonly format: typeof FORMAT;
  readonly rng: RngPosition;
  /** False before the first rollout: nothing to rebuild. */
  readonly started: boolean;
  readonly episodes: readonly EpisodeLogState[];
  readonly lastDones: readonly number[];
}

export interface OnPolicySaved {
  readonly rng: RngPosition;
  /** Raw observations of the env copies; `null` when training had not started. */
  readonly observations: Float64Array | null;
  readonly rewardReturns: Float64Array;
  readonly episodes: readonly EpisodeLogState[];
  readonly episodeActions: readonly Float64Array[];
  readonly lastDones: Uint8Array;
}

export function onPolicyResumeState(saved: OnPolicySaved): ResumeState {
  const meta: OnPolicyMeta = {
    format: FORMAT,
    rng: saved.rng,
    started: saved.observations !== null,
    episodes: [...saved.episodes],
    lastDones: Array.from(saved.lastDones),
  };
  const arrays: Record<string, Float64Array> = {
    [REWARD_RETURNS]: Float64Array.from(saved.rewardReturns),
  };
  if (saved.observations) arrays[OBSERVATIONS] = Float64Array.from(saved.observations);
  saved.episodeActions.forEach((a, i) => {
    arrays[actionsName(i)] = Float64Array.from(a);
  });
  return { meta: meta as unknown as Record<string, unknown>, arrays };
}

function float64(state: ResumeState, name: string): Float64Array {
  const a = state.arrays[name];
  if (!(a instanceof Float64Array)) throw damagedState(`missing float64 array ${name}`);
  return a;
}

/** Reads what `onPolicyResumeState` wrote, checking its format, env count and array types. */
export function readOnPolicyResumeState(
  state: ResumeState,
  algo: string,
  numEnvs: number,
): OnPolicySaved {
  const meta = state.meta as unknown as OnPolicyMeta;
  if (meta.format !== FORMAT) {
    throw damagedState(`${algo}: format ${String(meta.format)}, expected ${FORMAT}`);
  }
  if (meta.episodes.length !== numEnvs || meta.lastDones.length !== numEnvs) {
    throw resumeError(
      agentsMessages.resumeEnvCopies(meta.episodes.length, numEnvs),
      agentsMessages.resumeEnvCopiesHint(meta.episodes.length),
      N_ENVS_KEY,
    );
  }
  return {
    rng: meta.rng,
    observations: meta.started ? float64(state, OBSERVATIONS) : null,
    rewardReturns: float64(state, REWARD_RETURNS),
    episodes: meta.episodes,
    episodeActions: meta.episodes.map((_, i) => float64(state, actionsName(i))),
    lastDones: Uint8Array.from(meta.lastDones),
  };
}
