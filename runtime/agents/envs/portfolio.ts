import { createRng, type Rng } from "../../core/rng.js";
import type { FeaturePanel } from "../../contracts/panel.js";
import type { StepInfo, StepResult, TradingEnv } from "./env.js";
import { type MarketView, usableBars, writeFeatureWindow } from "./market-view.js";
import { createRewardTracker, type RewardOptions } from "./rewards.js";
import { box, checkAction } from "./spaces.js";
import type { TradingCosts } from "./trading-costs.js";

export interface PortfolioEnvOptions {
  readonly market: MarketView;
  readonly symbols: readonly number[];
  readonly costs: TradingCosts;
  readonly reward: RewardOptions;
  readonly window: number;
  readonly episodeLength?: number;
  readonly seed?: number;
  /** Bound of the action box; softmax of actions in [−b, b] gives the weights. */
  readonly actionBound?: number;
}

/** Softmax of `values` into `out` (numerically stable). */
export function softmax(values: ArrayLike<number>, out: Float64Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < out.length; i++) if (values[i]! > max) max = values[i]!;
  let sum = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.exp(values[i]! - max);
    sum += out[i]!;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/** The observation at bar t: every symbol's feature windows (t, t−1, …), then the S + 1 weights (cash last). */
export function observePortfolio(
  features: FeaturePanel,
  symbols: readonly number[],
  window: number,
  t: number,
  weights: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const o = writeFeatureWindow(features, symbols, window, t, out, 0);
  for (let k = 0; k < weights.length; k++) out[o + k] = weights[k]!;
  return out;
}

/**
 * The env's step from bar t to t+1: rebalance from `weights` (S symbols +
 * cash, drifted) to `target` at t's close paying the cost model on the traded
 * notional, then drift with the prices to t+1. Updates `weights` in place;
 * the equity grows by `1 + ret`. `closes[k]` are the env symbols' closes.
 */
export function portfolioStep(
  weights: Float64Array,
  equity: number,
  target: Float64Array,
  costs: TradingCosts,
  symbols: readonly number[],
  closes: readonly Float64Array[],
  t: number,
): { readonly cost: number; readonly turnover: number; readonly ret: number } {
  const S = symbols.length;
  let cost = 0;
  let turnover = 0;
  let growth = target[S]!;
  for (let k = 0; k < S; k++) {
    const price = closes[k]![t]!;
    const delta = target[k]! - weights[k]!;
    turnover += Math.abs(delta);
    if (delta !== 0) cost += costs.cost(symbols[k]!, t, (delta * equity) / price, price) / equity;
    growth += target[k]! * (closes[k]![t + 1]! / price);
  }
  const ret = growth - 1 - cost;
  // Weights drift with prices; costs are paid from cash.
  const total = growth - cost;
  for (let k = 0; k < S; k++)
    weights[k] = (target[k]! * (closes[k]![t + 1]! / closes[k]![t]!)) / total;
  weights[S] = (target[S]! - cost) / total;
  return { cost, turnover, ret };
}

/**
 * Portfolio allocation (FinRL's StockPortfolioEnv with an explicit cash
 * sleeve): the action's softmax gives long-only weights over the S symbols
 * and cash (last); rebalancing at t's close pays the cost model on the
 * traded notional; the reward (log return by default) is realised over t → t+1.
 * Observation: feature windows of every symbol and the current (drifted) weights.
 */
export function createPortfolioEnv(options: PortfolioEnvOptions): TradingEnv {
  const { market, symbols } = options;
  const S = symbols.length;
  const { costs, window } = options;
  const bound = options.actionBound ?? 5;
  const closes = symbols.map((s) => market.panel.close[s]!);
  const rewardTracker = createRewardTracker(options.reward);
  const nFeatures = market.features.values.length;
  const obsSize = S * nFeatures * window + S + 1;
  const { first, last, episodeLength } = usableBars(
    market,
    symbols,
    window,
    options.episodeLength,
    (usable) => `the segment has too few usable bars for portfolio (${usable})`,
  );
  const actionSpace = box(-bound, bound, S + 1);
  let rng: Rng = createRng(options.seed ?? 0);
  let t = first;
  let end = last;
  let equity = 1;
  const weights = new Float64Array(S + 1);
  const target = new Float64Array(S + 1);
  const obs = new Float64Array(obsSize);
  const info: StepInfo = { bar: 0, equity: 1, cost: 0, turnover: 0 };
  let started = false;

  const observe = (): Float64Array =>
    observePortfolio(market.features, symbols, window, t, weights, obs);

  return {
    id: "PortfolioAllocation",
    observationSpace: box(-Infinity, Infinity, obsSize),
    actionSpace,
    maxEpisodeSteps: episodeLength,
    symbols,
    currentBar: () => t,
    previewTargets: (action) =>
      softmax(action as Float64Array, new Float64Array(S + 1)).subarray(0, S),
    reset(seed) {
      if (seed !== undefined) rng = createRng(seed);
      const span = last - first - episodeLength;
      t = first + (span > 0 ? rng.int(span + 1) : 0);
      end = t + episodeLength;
      equity = 1;
      weights.fill(0);
      weights[S] = 1;
      rewardTracker.reset(equity);
      started = true;
      info.bar = t;
      info.equity = 1;
      return { obs: observe(), info };
    },
    step(action): StepResult {
      if (!started) throw new Error("trading env: call reset() before step()");
      checkAction(actionSpace, action);
      softmax(action as Float64Array, target);
      const previous = equity;
      const { cost, turnover, ret } = portfolioStep(
        weights,
        equity,
        target,
        costs,
        symbols,
        closes,
        t,
      );
      equity = equity * (1 + ret);
      t++;
      const reward = rewardTracker.reward(ret, equity, previous);
      const terminated = equity <= 0;
      info.bar = t;
      info.equity = equity;
      info.cost = cost;
      info.turnover = turnover;
      return { obs: observe(), reward, terminated, truncated: !terminated && t >= end, info };
    },
  };
}
