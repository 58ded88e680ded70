import type { Action, BoxSpace, Space } from "./spaces.js";

export type StepInfo = Record<string, number>;

/** Gymnasium's step tuple. `obs` is owned by the env: copy it to keep it past the next call. */
export interface StepResult {
  readonly obs: Float64Array;
  readonly reward: number;
  /** The MDP reached a terminal state (no bootstrapping). */
  readonly terminated: boolean;
  /** The episode was cut short (time limit, end of data): bootstrap from `obs`. */
  readonly truncated: boolean;
  readonly info: StepInfo;
}

/**
 * A Gymnasium-style environment. `reset(seed)` reseeds the env's own random
 * stream when a seed is given; `step` takes an action inside `actionSpace`.
 */
export interface Env {
  readonly id: string;
  readonly observationSpace: BoxSpace;
  readonly actionSpace: Space;
  /** Steps after which `truncated` is raised (Gymnasium's TimeLimit), if any. */
  readonly maxEpisodeSteps?: number;
  reset(seed?: number): { obs: Float64Array; info: StepInfo };
  step(action: Action): StepResult;
}

/** Rounds to float32 the way Gymnasium's `np.array(..., dtype=np.float32)` does. */
export function toFloat32(values: readonly number[], out: Float64Array): Float64Array {
  for (let i = 0; i < values.length; i++) out[i] = Math.fround(values[i]!);
  return out;
}

/**
 * A trading environment: its actions become target weights on panel symbols.
 * `previewTargets` maps an action at the current bar to target weights without
 * stepping (used to turn a policy into a TargetSignal bar by bar).
 */
export interface TradingEnv extends Env {
  /** Panel indices of the symbols this env trades. */
  readonly symbols: readonly number[];
  /** Current bar index in the panel. */
  currentBar(): number;
  previewTargets(action: Action): Float64Array;
}

export function isTradingEnv(env: Env): env is TradingEnv {
  return "previewTargets" in env && "symbols" in env;
}
