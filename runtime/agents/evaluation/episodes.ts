import type { SeedPlan } from "../../core/seed-plan.js";
import type { Agent } from "../algos/agent.js";
import type { Env } from "../envs/env.js";

export interface EpisodeResult {
  readonly return: number;
  readonly length: number;
  /** Final equity for trading envs (info.equity), when reported. */
  readonly equity?: number;
}

/**
 * Runs `episodes` episodes of the agent's policy on `env`, resetting episode k
 * with the seed `seeds.fork("episode", k)`; deterministic actions unless told otherwise.
 */
export function runEpisodes(
  agent: Pick<Agent, "predict">,
  env: Env,
  episodes: number,
  seeds: SeedPlan,
  deterministic = true,
): EpisodeResult[] {
  const results: EpisodeResult[] = [];
  for (let k = 0; k < episodes; k++) {
    let { obs } = env.reset(seeds.fork("episode", k).seed);
    let total = 0;
    let length = 0;
    let equity: number | undefined;
    for (;;) {
      const step = env.step(agent.predict(obs, deterministic));
      total += step.reward;
      length++;
      equity = step.info.equity;
      obs = step.obs;
      if (step.terminated || step.truncated) break;
    }
    results.push({ return: total, length, ...(equity !== undefined ? { equity } : {}) });
  }
  return results;
}
