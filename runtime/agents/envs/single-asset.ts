import { createRng, type Rng } from "../../core/rng.js";
import type { FeaturePanel } from "../../contracts/panel.js";
import type { StepInfo, StepResult, TradingEnv } from "./env.js";
import { type MarketView, usableBars, writeFeatureWindow } from "./market-view.js";
import { createRewardTracker, type RewardOptions } from "./rewards.js";
import { box, checkAction, discrete } from "./spaces.js";
import { type TradingCosts, weightCost } from "./trading-costs.js";

/**
 * How discrete actions map to a target position (fraction of equity):
 * `short_flat_long`: 0 → −1, 1 → 0, 2 → +1; `flat_long`: 0 → 0, 1 → +1;
 * `sell_hold_buy`: 0 → flat (sell all), 1 → keep the position, 2 → +1 (buy all).
 */
export const ACTION_SCHEMES = ["short_flat_long", "flat_long", "sell_hold_buy"] as const;
export type ActionScheme = (typeof ACTION_SCHEMES)[number];

export interface SingleAssetEnvOptions {
  readonly market: MarketView;
  readonly symbol: number;
  readonly actions: ActionScheme;
  /** Bars of feature history in the observation (t−window+1..t). */
  readonly window: number;
  readonly reward: RewardOptions;
  readonly costs: TradingCosts;
  /** Steps per episode starting at a random bar; whole range when absent. */
  readonly episodeLength?: number;
  readonly initialCash: number;
  readonly seed?: number;
}

/** Maps action index → target position for a scheme, given the current position. */
export function targetPosition(scheme: ActionScheme, action: number, current: number): number {
  switch (scheme) {
    case "short_flat_long":
      return action - 1;
    case "flat_long":
      return action;
    case "sell_hold_buy":
      return action === 0 ? 0 : action === 1 ? current : 1;
  }
}

/** Number of discrete actions of a scheme. */
export function actionCount(scheme: ActionScheme): number {
  return scheme === "flat_long" ? 2 : 3;
}

/** The single-asset env's book between two bars (plain JSON: serving passes it between calls). */
export interface SingleAssetBook {
  /** The position drifted with the price since the last rebalance (fraction of equity). */
  readonly position: number;
  readonly equity: number;
}

/** The observation at bar t: every feature's window of `symbol` (t, t−1, …) and the position. */
export function observeSingleAsset(
  features: FeaturePanel,
  symbol: number,
  window: number,
  t: number,
  position: number,
  out: Float64Array,
): Float64Array {
  writeFeatureWindow(features, [symbol], window, t, out, 0);
  out[out.length - 1] = position;
  return out;
}

/**
 * The env's step from bar t to t+1: rebalance to `target` at t's close
 * (paying the costs of moving from the drifted position), then let the
 * position drift with the price to t+1.
 */
export function singleAssetStep(
  book: SingleAssetBook,
  target: number,
  costs: TradingCosts,
  symbol: number,
  close: Float64Array,
  t: number,
): SingleAssetBook & { readonly cost: number; readonly ret: number } {
  const price = close[t]!;
  const cost = weightCost(costs, symbol, t, target - book.position, book.equity, price);
  const assetReturn = close[t + 1]! / price - 1;
  const ret = target * assetReturn - cost;
  const equity = book.equity * (1 + ret);
  const growth = 1 + ret;
  // Position drifts with the price until the next rebalance.
  const position = growth !== 0 ? (target * (1 + assetReturn)) / growth : 0;
  return { position, equity, cost, ret };
}

/**
 * One asset, discrete target positions, rebalanced at each close. The
 * observation at bar t holds features up to t and the current position; the
 * action decided at t is held over t → t+1 and its reward is realised then,
 * net of the costs of moving from the drifted position to the target.
 */
export function createSingleAssetEnv(options: SingleAssetEnvOptions): TradingEnv {
  const { market, symbol, actions: scheme, window, costs, initialCash } = options;
  const rewardTracker = createRewardTracker(options.reward);
  const close = market.panel.close[symbol]!;
  const nFeatures = market.features.values.length;
  const obsSize = nFeatures * window + 1;
  const { first, last, episodeLength } = usableBars(
    market,
    [symbol],
    window,
    options.episodeLength,
    (usable) =>
      `the segment has ${usable} usable bars for the trading env; it needs at least 2 (window ${window})`,
  );
  const actionSpace = discrete(actionCount(scheme));
  let rng: Rng = createRng(options.seed ?? 0);
  const obs = new Float64Array(obsSize);
  const info: StepInfo = { bar: 0, position: 0, equity: initialCash, cost: 0, ret: 0 };
  let t = first;
  let end = last;
  let position = 0;
  let equity = initialCash;
  let started = false;

  const observe = (): Float64Array =>
    observeSingleAsset(market.features, symbol, window, t, position, obs);

  return {
    id: "SingleAssetTrading",
    symbols: [symbol],
    currentBar: () => t,
    previewTargets: (action) => Float64Array.of(targetPosition(scheme, action as number, position)),
    observationSpace: box(-Infinity, Infinity, obsSize),
    actionSpace,
    maxEpisodeSteps: episodeLength,
    reset(seed) {
      if (seed !== undefined) rng = createRng(seed);
      const span = last - first - episodeLength;
      t = first + (span > 0 ? rng.int(span + 1) : 0);
      end = t + episodeLength;
      position = 0;
      equity = initialCash;
      rewardTracker.reset(equity);
      started = true;
      info.bar = t;
      info.position = 0;
      info.equity = equity;
      return { obs: observe(), info };
    },
    step(action): StepResult {
      if (!started) throw new Error("trading env: call reset() before step()");
      checkAction(actionSpace, action);
      const target = targetPosition(scheme, action as number, position);
      const previous = equity;
      const moved = singleAssetStep({ position, equity }, target, costs, symbol, close, t);
      const { cost, ret } = moved;
      equity = moved.equity;
      position = moved.position;
      t++;
      const reward = rewardTracker.reward(ret, equity, previous);
      const terminated = equity <= 0;
      const truncated = !terminated && t >= end;
      info.bar = t;
      info.position = target;
      info.equity = equity;
      info.cost = cost;
      info.ret = ret;
      return { obs: observe(), reward, terminated, truncated, info };
    },
  };
}
