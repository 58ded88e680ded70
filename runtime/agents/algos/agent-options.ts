import type { Rng } from "../../core/rng.js";
import type { Env } from "../envs/env.js";
import type { Space } from "../envs/spaces.js";
import type { Hyperparameters } from "./agent.js";

/** What an algorithm factory needs. `makeEnv` is required to train, not to predict. */
export interface AgentOptions {
  readonly observationSize: number;
  readonly actionSpace: Space;
  readonly hyperparameters: Hyperparameters;
  readonly seed: number;
  /** Builds training env copy `index` (the algorithm seeds it). */
  readonly makeEnv?: (index: number) => Env;
  /** Stream for sampling and shuffling; defaults to one derived from `seed`. */
  readonly rng?: Rng;
  /** Polled between iterations; training stops cleanly when aborted. */
  readonly signal?: AbortSignal;
}

export function requireEnvFactory(options: AgentOptions, algo: string): (index: number) => Env {
  if (!options.makeEnv) throw new Error(`${algo}: training needs an environment factory`);
  return options.makeEnv;
}
