import { createRng, type Rng } from "../../core/rng.js";
import type { StepInfo, StepResult, TradingEnv } from "./env.js";
import { type MarketView, usableBars, writeFeatureWindow } from "./market-view.js";
import { createRewardTracker, type RewardOptions } from "./rewards.js";
import { box, checkAction } from "./spaces.js";
import type { TradingCosts } from "./trading-costs.js";
import { turbulenceIndex } from "./turbulence.js";

export interface MultiStockEnvOptions {
  readonly market: MarketView;
  /** Panel indices of the traded symbols. */
  readonly symbols: readonly number[];
  /** Maximum shares bought or sold per symbol per step (FinRL's hmax). */
  readonly hmax: number;
  readonly initialCash: number;
  readonly costs: TradingCosts;
  /** Sell everything and stop buying while the turbulence index is at or above this. */
  readonly turbulenceThreshold?: number;
  /** Reward: `pnl` is FinRL's change in total asset value (times reward_scaling outside). */
  readonly reward: RewardOptions;
  readonly window: number;
  readonly episodeLength?: number;
  readonly seed?: number;
}

interface Book {
  cash: number;
  shares: Float64Array;
  cost: number;
  trades: number;
}

/**
 * FinRL's StockTradingEnv: state [cash, prices, holdings, features]; the
 * action in [−1, 1]^S times `hmax` gives whole shares to sell (first, most
 * negative first) and buy (then, with the cash available after costs);
 * reward = change in total asset value from t to t+1. When the turbulence
 * index reaches the threshold every holding is sold (FinRL's risk control).
 */
export function createMultiStockEnv(options: MultiStockEnvOptions): TradingEnv {
  const { market, symbols } = options;
  const S = symbols.length;
  const { hmax, initialCash, costs, window } = options;
  const closes = symbols.map((s) => market.panel.close[s]!);
  const turbulence =
    options.turbulenceThreshold !== undefined
      ? turbulenceIndex(closes)
      : new Float64Array(closes[0]!.length);
  const rewardTracker = createRewardTracker(options.reward);
  const nFeatures = market.features.values.length;
  const obsSize =
    1 + 2 * S + S * nFeatures * window + (options.turbulenceThreshold !== undefined ? 1 : 0);
  const { first, last, episodeLength } = usableBars(
    market,
    symbols,
    window,
    options.episodeLength,
    (usable) => `the segment has too few usable bars for multi_stock (${usable})`,
  );
  const actionSpace = box(-1, 1, S);
  let rng: Rng = createRng(options.seed ?? 0);
  let t = first;
  let end = last;
  let book: Book = { cash: initialCash, shares: new Float64Array(S), cost: 0, trades: 0 };
  let started = false;
  const obs = new Float64Array(obsSize);
  const info: StepInfo = { bar: 0, equity: initialCash, cost: 0, trades: 0, turbulence: 0 };

  const value = (b: Book, bar: number): number => {
    let v = b.cash;
    for (let k = 0; k < S; k++) v += b.shares[k]! * closes[k]![bar]!;
    return v;
  };
  const turbulent = (): boolean =>
    options.turbulenceThreshold !== undefined && turbulence[t]! >= options.turbulenceThreshold;

  /** FinRL's order of execution on a copy of the book: sells first, then buys. */
  const trade = (action: Float64Array): Book => {
    const next: Book = {
      cash: book.cash,
      shares: Float64Array.from(book.shares),
      cost: 0,
      trades: 0,
    };
    const orders = Float64Array.from(action, (a) => Math.trunc(a * hmax));
    if (turbulent()) for (let k = 0; k < S; k++) orders[k] = -next.shares[k]!;
    const order = Array.from({ length: S }, (_, k) => k).sort(
      (a, b) => orders[a]! - orders[b]! || a - b,
    );
    for (const k of order) {
      if (orders[k]! >= 0) continue;
      const units = Math.min(-orders[k]!, next.shares[k]!);
      if (units <= 0) continue;
      const price = closes[k]![t]!;
      const fee = costs.cost(symbols[k]!, t, -units, price);
      next.shares[k]! -= units;
      next.cash += units * price - fee;
      next.cost += fee;
      next.trades++;
    }
    if (turbulent()) return next;
    for (const k of order) {
      if (orders[k]! <= 0) continue;
      const price = closes[k]![t]!;
      let units = Math.min(orders[k]!, Math.floor(next.cash / price));
      while (units > 0 && units * price + costs.cost(symbols[k]!, t, units, price) > next.cash)
        units--;
      if (units <= 0) continue;
      const fee = costs.cost(symbols[k]!, t, units, price);
      next.shares[k]! += units;
      next.cash -= units * price + fee;
      next.cost += fee;
      next.trades++;
    }
    return next;
  };

  const observe = (): Float64Array => {
    obs[0] = book.cash;
    for (let k = 0; k < S; k++) {
      obs[1 + k] = closes[k]![t]!;
      obs[1 + S + k] = book.shares[k]!;
    }
    const o = writeFeatureWindow(market.features, symbols, window, t, obs, 1 + 2 * S);
    if (options.turbulenceThreshold !== undefined) obs[o] = turbulence[t]!;
    return obs;
  };

  return {
    id: "MultiStockTrading",
    observationSpace: box(-Infinity, Infinity, obsSize),
    actionSpace,
    maxEpisodeSteps: episodeLength,
    symbols,
    currentBar: () => t,
    previewTargets(action) {
      const next = trade(action as Float64Array);
      const total = value(next, t);
      return Float64Array.from({ length: S }, (_, k) =>
        total > 0 ? (next.shares[k]! * closes[k]![t]!) / total : 0,
      );
    },
    reset(seed) {
      if (seed !== undefined) rng = createRng(seed);
      const span = last - first - episodeLength;
      t = first + (span > 0 ? rng.int(span + 1) : 0);
      end = t + episodeLength;
      book = { cash: initialCash, shares: new Float64Array(S), cost: 0, trades: 0 };
      rewardTracker.reset(initialCash);
      started = true;
      info.bar = t;
      info.equity = initialCash;
      return { obs: observe(), info };
    },
    step(action): StepResult {
      if (!started) throw new Error("trading env: call reset() before step()");
      checkAction(actionSpace, action);
      const before = value(book, t);
      book = trade(action as Float64Array);
      t++;
      const after = value(book, t);
      const ret = before > 0 ? after / before - 1 : 0;
      const reward = rewardTracker.reward(ret, after, before);
      const terminated = after <= 0;
      info.bar = t;
      info.equity = after;
      info.cost = book.cost;
      info.trades = book.trades;
      info.turbulence = turbulence[t]!;
      return { obs: observe(), reward, terminated, truncated: !terminated && t >= end, info };
    },
  };
}
