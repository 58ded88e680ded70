import type { Env, StepResult } from "./env.js";

/** Multiplies every reward by a constant (FinRL's `reward_scaling`). */
export function scaleRewards<E extends Env>(env: E, factor: number): E {
  if (factor === 1) return env;
  return {
    ...env,
    id: env.id,
    observationSpace: env.observationSpace,
    actionSpace: env.actionSpace,
    ...(env.maxEpisodeSteps !== undefined ? { maxEpisodeSteps: env.maxEpisodeSteps } : {}),
    reset: (seed) => env.reset(seed),
    step(action): StepResult {
      const r = env.step(action);
      return { ...r, reward: r.reward * factor };
    },
  };
}
