import type { BackendPreference } from "./backend/init-backend.js";
import type { EnvSection } from "./envs/env-section.js";

/** `agent.training` (schemas/agent.schema.json#/$defs/training). */
export interface TrainingSection {
  /** Evaluate on the validation segment every this many timesteps (0 = only at the end). */
  readonly eval_freq?: number;
  readonly eval_episodes?: number;
  readonly early_stopping?: { readonly patience: number; readonly min_delta?: number };
  /** Keep the weights of the best validation score (default true when there is a valid segment). */
  readonly restore_best?: boolean;
  readonly checkpoint_freq?: number;
  /** Folder for checkpoints (relative to the stage folder unless absolute); enables resume. */
  readonly checkpoint_dir?: string;
  /** Resume from the checkpoint in `checkpoint_dir` when one exists. */
  readonly resume?: boolean;
  /** Wall-clock safety limit in seconds; a run cut by it is marked as not reproducible. */
  readonly time_budget_s?: number;
}

/** `agent.evaluation`. */
export interface EvaluationSection {
  /** Independent training seeds (N); the signal comes from the first. */
  readonly seeds?: number;
  /** Deterministic evaluation episodes per seed and segment (M). */
  readonly episodes?: number;
  /** Steps per evaluation episode (random starts); whole segment when absent. */
  readonly episode_length?: number;
  /** Rule-based baseline the backtest compares against. */
  readonly baseline?: {
    readonly type: "sma_crossover";
    readonly fast?: number;
    readonly slow?: number;
  };
}

/** `agent.ensemble` (FinRL-style: several algorithms per rolling window, trade the best by validation Sharpe). */
export interface EnsembleSection {
  readonly algorithms: readonly string[];
  /** Bars per rebalancing window (FinRL: 63). */
  readonly window?: number;
  /** Bars of validation before each window. */
  readonly validation_window?: number;
  /** Hyperparameters per algorithm (`{ ppo: { n_steps: 512 }, a2c: {…} }`); SB3 defaults otherwise. */
  readonly hyperparameters?: Readonly<Record<string, Record<string, unknown>>>;
}

/** The `agent:` spec section (schemas/agent.schema.json). */
export interface AgentSection {
  readonly kind?: "agent";
  readonly type: string;
  readonly backend?: BackendPreference;
  readonly env: EnvSection;
  readonly total_timesteps: number;
  readonly hyperparameters?: Record<string, unknown>;
  readonly training?: TrainingSection;
  readonly evaluation?: EvaluationSection;
  readonly ensemble?: EnsembleSection;
}
