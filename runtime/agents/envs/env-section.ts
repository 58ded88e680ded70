import type { RewardType } from "./rewards.js";
import type { ActionScheme } from "./single-asset.js";

/** The `agent.env` spec section (schemas/agent.schema.json#/$defs/env). */
export interface EnvSection {
  readonly type: "single_asset" | "multi_stock" | "portfolio" | "cartpole" | "pendulum";
  /** single_asset: which symbol of the data (default: the first). */
  readonly symbol?: string;
  /** multi_stock / portfolio: which symbols (default: all). */
  readonly symbols?: readonly string[];
  readonly actions?: ActionScheme;
  readonly window?: number;
  readonly reward?: RewardType;
  readonly reward_scaling?: number;
  readonly sharpe_eta?: number;
  readonly drawdown_penalty?: number;
  readonly episode_length?: number;
  readonly initial_cash?: number;
  /** Proportional cost used when the experiment has no backtest cost section. */
  readonly cost_pct?: number;
  /** multi_stock: maximum shares traded per symbol per step (FinRL's hmax). */
  readonly hmax?: number;
  /** multi_stock: turbulence index level at which everything is sold. */
  readonly turbulence_threshold?: number;
}
