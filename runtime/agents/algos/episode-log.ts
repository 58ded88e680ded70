import { hashString32 } from "../../core/rng.js";
import type { Env } from "../envs/env.js";
import type { Action, Space } from "../envs/spaces.js";
import { agentsMessages } from "../../messages/agents.js";
import { ENV_KEY, resumeError } from "./resume-error.js";

/**
 * The reset seed of the episode that starts after `timesteps` steps of a run
 * seeded `seed`. Every off-policy episode starts from an explicit seed, so the
 * episode in progress at a checkpoint depends only on that seed and the
 * actions taken since: a resumed run rebuilds it exactly by replaying them.
 */
export function episodeSeed(seed: number, timesteps: number): number {
  return hashString32(`episode/${seed}/${timesteps}`);
}

/**
 * The reset seed of the episode that env copy `env` of a vectorized run
 * seeded `seed` starts after `timesteps` steps (on-policy algorithms).
 */
export function vecEpisodeSeed(seed: number, env: number, timesteps: number): number {
  return hashString32(`episode/${seed}/${env}/${timesteps}`);
}

/** What `EpisodeLog` saves: the scalars (JSON) and the env actions taken (float64, exact). */
export interface EpisodeLogState {
  readonly seed: number;
  readonly length: number;
  readonly return: number;
  readonly actionWidth: number;
}

/**
 * The episode in progress: its reset seed, running return and length, and
 * the env actions taken so far (float64, as given to the env).
 */
export class EpisodeLog {
  seed = 0;
  length = 0;
  return = 0;
  readonly actionWidth: number;
  private readonly discrete: boolean;
  private actions: Float64Array;

  constructor(space: Space) {
    this.discrete = space.kind === "discrete";
    this.actionWidth = space.kind === "discrete" ? 1 : space.size;
    this.actions = new Float64Array(this.actionWidth * 256);
  }

  /** Starts an episode whose env was (or is being) reset with `seed`. */
  begin(seed: number): void {
    this.seed = seed;
    this.length = 0;
    this.return = 0;
  }

  /** Resets `env` with this episode's seed and returns the first observation (a copy). */
  start(env: Env, seed: number): Float64Array {
    this.begin(seed);
    return Float64Array.from(env.reset(seed).obs);
  }

  record(action: Action, reward: number): void {
    const w = this.actionWidth;
    if ((this.length + 1) * w > this.actions.length) {
      const grown = new Float64Array(this.actions.length * 2);
      grown.set(this.actions);
      this.actions = grown;
    }
    if (typeof action === "number") this.actions[this.length * w] = action;
    else this.actions.set(action, this.length * w);
    this.length++;
    this.return += reward;
  }

  state(): EpisodeLogState {
    return {
      seed: this.seed,
      length: this.length,
      return: this.return,
      actionWidth: this.actionWidth,
    };
  }

  recordedActions(): Float64Array {
    return this.actions.slice(0, this.length * this.actionWidth);
  }

  /** Puts back a saved episode (call `replay` with a fresh env to rebuild the env's state). */
  restore(state: EpisodeLogState, actions: Float64Array): void {
    const w = this.actionWidth;
    if (state.actionWidth !== w || actions.length !== state.length * w) {
      throw resumeError(
        agentsMessages.resumeMismatch(
          `its episode has ${actions.length} action values for ${state.length} steps of width ${state.actionWidth}; this env needs width ${w}`,
        ),
        agentsMessages.resumeMismatchHint(),
      );
    }
    this.actions = new Float64Array(Math.max(actions.length * 2, w * 256));
    this.actions.set(actions);
    this.seed = state.seed;
    this.length = state.length;
    this.return = state.return;
  }

  /**
   * Rebuilds the episode in progress in a fresh `env`: reset with its seed,
   * then its actions replayed. Returns the current observation (a copy).
   * Throws when the env ends the episode early: then the env is not a
   * function of its seed and the actions.
   */
  replay(env: Env): Float64Array {
    const w = this.actionWidth;
    let obs = Float64Array.from(env.reset(this.seed).obs);
    for (let i = 0; i < this.length; i++) {
      const action: Action = this.discrete
        ? this.actions[i]!
        : this.actions.slice(i * w, (i + 1) * w);
      const step = env.step(action);
      if (step.terminated || step.truncated) {
        throw resumeError(
          agentsMessages.resumeEpisodeEnded(i + 1, this.length),
          agentsMessages.resumeEnvHint(),
          ENV_KEY,
        );
      }
      obs = Float64Array.from(step.obs);
    }
    return obs;
  }
}
