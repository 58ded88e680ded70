import type { Space } from "../envs/spaces.js";
import type { VecEnv, VecStep } from "../envs/vec-env.js";
import type { Action } from "../envs/spaces.js";
import { EpisodeLog, type EpisodeLogState, vecEpisodeSeed } from "./episode-log.js";
import { agentsMessages } from "../../messages/agents.js";
import { ENV_KEY, N_ENVS_KEY, resumeError } from "./resume-error.js";

/**
 * The episodes in progress in each copy of a `VecEnv`: every episode starts
 * from `reset(vecEpisodeSeed(seed, i, t))` and its env actions are logged, so
 * a checkpoint can rebuild all copies exactly by replaying them.
 */
export class VecEpisodeLog {
  readonly logs: readonly EpisodeLog[];

  constructor(
    space: Space,
    numEnvs: number,
    private readonly seed: number,
  ) {
    this.logs = Array.from({ length: numEnvs }, () => new EpisodeLog(space));
  }

  /** The reset seed of copy `env`'s episode starting after `timesteps` steps. */
  seedFor(env: number, timesteps: number): number {
    return vecEpisodeSeed(this.seed, env, timesteps);
  }

  /** Fresh episodes in every copy; returns the observations (a copy, envs × obs). */
  start(vec: VecEnv, timesteps: number): Float64Array {
    this.logs.forEach((log, i) => {
      const env = vec.envs[i]!;
      vec.setEpisode(i, log.start(env, this.seedFor(i, timesteps)), 0, 0);
    });
    return Float64Array.from(vec.obs);
  }

  /**
   * Logs one `vec.step(actions)` taken at `timesteps` (before counting it):
   * a copy whose episode ended begins the one its auto-reset seeded.
   */
  record(actions: readonly Action[], step: VecStep, timesteps: number): void {
    this.logs.forEach((log, e) => {
      if (step.terminated[e] || step.truncated[e]) log.begin(this.seedFor(e, timesteps));
      else log.record(actions[e]!, step.rewards[e]!);
    });
  }

  /**
   * Rebuilds every copy's episode in fresh envs by replay and checks that it
   * reaches `expected` (the observations saved with the checkpoint).
   */
  rebuild(vec: VecEnv, expected: Float64Array, algo: string): Float64Array {
    const d = vec.obsSize;
    this.logs.forEach((log, i) => {
      const obs = log.replay(vec.envs[i]!);
      if (obs.some((v, j) => v !== expected[i * d + j])) {
        throw resumeError(
          agentsMessages.resumeEnvDiverged(algo, i),
          agentsMessages.resumeEnvHint(),
          ENV_KEY,
        );
      }
      vec.setEpisode(i, obs, log.return, log.length);
    });
    return Float64Array.from(vec.obs);
  }

  states(): EpisodeLogState[] {
    return this.logs.map((log) => log.state());
  }

  actions(): Float64Array[] {
    return this.logs.map((log) => log.recordedActions());
  }

  restore(states: readonly EpisodeLogState[], actions: readonly Float64Array[]): void {
    if (states.length !== this.logs.length || actions.length !== this.logs.length) {
      throw resumeError(
        agentsMessages.resumeEnvCopies(states.length, this.logs.length),
        agentsMessages.resumeEnvCopiesHint(states.length),
        N_ENVS_KEY,
      );
    }
    this.logs.forEach((log, i) => {
      log.restore(states[i]!, actions[i]!);
    });
  }
}
