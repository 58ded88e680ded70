/**
 * Reward functions of the trading environments, chosen in the spec with
 * `env.reward`. Each tracker sees the net portfolio return of one step (after
 * costs) and the equity after it, and keeps what state it needs until `reset`.
 */
export const REWARD_TYPES = [
  "pnl",
  "log_return",
  "differential_sharpe",
  "drawdown_penalized",
] as const;
export type RewardType = (typeof REWARD_TYPES)[number];

/** A reward and its parameters (the spec's defaults: schemas/agent.schema.json `$defs/env`). */
export type RewardOptions =
  | { readonly type: "pnl" | "log_return" }
  | {
      readonly type: "differential_sharpe";
      /** Adaptation rate η of the differential Sharpe ratio's moving moments (Moody & Saffell 2001). */
      readonly sharpeEta: number;
    }
  | {
      readonly type: "drawdown_penalized";
      /** Weight λ of the drawdown penalty: reward = log(1+r) − λ·drawdown. */
      readonly drawdownPenalty: number;
    };

export interface RewardTracker {
  reset(equity: number): void;
  /** `ret` is the step's net simple return, `equity` the equity after the step. */
  reward(ret: number, equity: number, previousEquity: number): number;
}

export function createRewardTracker(options: RewardOptions): RewardTracker {
  switch (options.type) {
    case "pnl":
      return { reset() {}, reward: (_ret, equity, previous) => equity - previous };
    case "log_return":
      return { reset() {}, reward: (ret) => Math.log1p(ret) };
    case "differential_sharpe":
      return differentialSharpe(options.sharpeEta);
    case "drawdown_penalized":
      return drawdownPenalized(options.drawdownPenalty);
  }
}

/**
 * Differential Sharpe ratio D_t = (B_{t−1}·ΔA_t − ½·A_{t−1}·ΔB_t) / (B_{t−1} − A_{t−1}²)^{3/2}
 * with exponential moving first and second moments A, B of the returns.
 * Zero while the variance estimate is not yet positive.
 */
function differentialSharpe(eta: number): RewardTracker {
  let a = 0;
  let b = 0;
  return {
    reset() {
      a = 0;
      b = 0;
    },
    reward(ret) {
      const dA = ret - a;
      const dB = ret * ret - b;
      const variance = b - a * a;
      const d = variance > 1e-12 ? (b * dA - 0.5 * a * dB) / variance ** 1.5 : 0;
      a += eta * dA;
      b += eta * dB;
      return d;
    },
  };
}

function drawdownPenalized(lambda: number): RewardTracker {
  let peak = 1;
  return {
    reset(equity) {
      peak = equity;
    },
    reward(ret, equity) {
      if (equity > peak) peak = equity;
      const drawdown = peak > 0 ? 1 - equity / peak : 0;
      return Math.log1p(ret) - lambda * drawdown;
    },
  };
}
