import { NamedRegistry } from "../../core/named-registry.js";
import { createCartPole } from "./cartpole.js";
import type { Env } from "./env.js";
import type { TradingEnvSection } from "./trading-env-section.js";
import type {
  AgentEnv,
  AgentEnvMultiStock,
  AgentEnvPortfolio,
  AgentEnvSingleAsset,
} from "../../spec/types.generated.js";
import { type MarketView, symbolIndex } from "./market-view.js";
import { createMultiStockEnv } from "./multi-stock.js";
import { createPendulum } from "./pendulum.js";
import { createPortfolioEnv } from "./portfolio.js";
import type { RewardOptions } from "./rewards.js";
import { scaleRewards } from "./reward-scaling.js";
import { createSingleAssetEnv } from "./single-asset.js";
import type { TradingCosts } from "./trading-costs.js";

/** What an env factory gets besides its spec section. */
export interface EnvBuildContext {
  /** Market data restricted to one segment; absent for the control tasks. */
  readonly market?: MarketView;
  readonly costs: TradingCosts;
  readonly seed: number;
}

/** An env implementation, registered by its `type:` name; it reads its own section type. */
export interface EnvEntry<S extends AgentEnv = AgentEnv> {
  create(section: S, ctx: EnvBuildContext): Env;
  /** Whether the env trades market data (and so needs `data:` and `features:`). */
  readonly needsMarket: boolean;
}

/** The reward of a trading env section, with its parameters. */
export function rewardOptions(section: TradingEnvSection): RewardOptions {
  switch (section.reward) {
    case "differential_sharpe":
      return { type: section.reward, sharpeEta: section.sharpe_eta };
    case "drawdown_penalized":
      return { type: section.reward, drawdownPenalty: section.drawdown_penalty };
    default:
      return { type: section.reward };
  }
}

/** The symbols an env trades: the named ones, or all when absent. */
function symbolIndices(market: MarketView, names: readonly string[] | undefined): number[] {
  return names
    ? names.map((n) => symbolIndex(market.panel, n))
    : market.panel.symbols.map((_, i) => i);
}

function requireMarket(ctx: EnvBuildContext, type: string): MarketView {
  if (!ctx.market) throw new Error(`env type ${type} needs market data and features`);
  return ctx.market;
}

const singleAsset: EnvEntry<AgentEnvSingleAsset> = {
  needsMarket: true,
  create(section, ctx) {
    const market = requireMarket(ctx, "single_asset");
    const env = createSingleAssetEnv({
      market,
      symbol: symbolIndex(market.panel, section.symbol),
      actions: section.actions,
      window: section.window,
      reward: rewardOptions(section),
      costs: ctx.costs,
      ...(section.episode_length !== undefined ? { episodeLength: section.episode_length } : {}),
      initialCash: section.initial_cash,
      seed: ctx.seed,
    });
    return scaleRewards(env, section.reward_scaling);
  },
};

const multiStock: EnvEntry<AgentEnvMultiStock> = {
  needsMarket: true,
  create(section, ctx) {
    const market = requireMarket(ctx, "multi_stock");
    const env = createMultiStockEnv({
      market,
      symbols: symbolIndices(market, section.symbols),
      hmax: section.hmax,
      initialCash: section.initial_cash,
      costs: ctx.costs,
      ...(section.turbulence_threshold !== undefined
        ? { turbulenceThreshold: section.turbulence_threshold }
        : {}),
      reward: rewardOptions(section),
      window: section.window,
      ...(section.episode_length !== undefined ? { episodeLength: section.episode_length } : {}),
      seed: ctx.seed,
    });
    return scaleRewards(env, section.reward_scaling);
  },
};

const portfolio: EnvEntry<AgentEnvPortfolio> = {
  needsMarket: true,
  create(section, ctx) {
    const market = requireMarket(ctx, "portfolio");
    const env = createPortfolioEnv({
      market,
      symbols: symbolIndices(market, section.symbols),
      costs: ctx.costs,
      reward: rewardOptions(section),
      window: section.window,
      ...(section.episode_length !== undefined ? { episodeLength: section.episode_length } : {}),
      seed: ctx.seed,
    });
    return scaleRewards(env, section.reward_scaling);
  },
};

/** The environments by `env.type`. Built on call. */
export function createEnvRegistry(): NamedRegistry<EnvEntry> {
  return new NamedRegistry<EnvEntry>("env")
    .register("cartpole", { create: (_s, ctx) => createCartPole(ctx.seed), needsMarket: false })
    .register("pendulum", { create: (_s, ctx) => createPendulum(ctx.seed), needsMarket: false })
    .register("single_asset", singleAsset)
    .register("multi_stock", multiStock)
    .register("portfolio", portfolio);
}
