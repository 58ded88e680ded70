import { NamedRegistry } from "../../core/named-registry.js";
import { createCartPole } from "./cartpole.js";
import type { Env } from "./env.js";
import type { EnvSection } from "./env-section.js";
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

export interface EnvEntry {
  readonly create: (section: EnvSection, ctx: EnvBuildContext) => Env;
  /** Whether the env trades market data (and so needs `data:` and `features:`). */
  readonly needsMarket: boolean;
}

export function rewardOptions(section: EnvSection): RewardOptions {
  return {
    type: section.reward ?? "log_return",
    ...(section.sharpe_eta !== undefined ? { sharpeEta: section.sharpe_eta } : {}),
    ...(section.drawdown_penalty !== undefined
      ? { drawdownPenalty: section.drawdown_penalty }
      : {}),
  };
}

function symbolIndices(market: MarketView, names: readonly string[] | undefined): number[] {
  return names
    ? names.map((n) => symbolIndex(market.panel, n))
    : market.panel.symbols.map((_, i) => i);
}

function requireMarket(ctx: EnvBuildContext, type: string): MarketView {
  if (!ctx.market) throw new Error(`env type ${type} needs market data and features`);
  return ctx.market;
}

/** The environments by `env.type`. Built on call. */
export function createEnvRegistry(): NamedRegistry<EnvEntry> {
  return new NamedRegistry<EnvEntry>("env")
    .register("cartpole", { create: (_s, ctx) => createCartPole(ctx.seed), needsMarket: false })
    .register("pendulum", { create: (_s, ctx) => createPendulum(ctx.seed), needsMarket: false })
    .register("single_asset", {
      needsMarket: true,
      create(section, ctx) {
        const market = requireMarket(ctx, "single_asset");
        const env = createSingleAssetEnv({
          market,
          symbol: symbolIndex(market.panel, section.symbol),
          actions: section.actions ?? "short_flat_long",
          window: section.window ?? 1,
          reward: rewardOptions(section),
          costs: ctx.costs,
          ...(section.episode_length !== undefined
            ? { episodeLength: section.episode_length }
            : {}),
          initialCash: section.initial_cash ?? 1,
          seed: ctx.seed,
        });
        return scaleRewards(env, section.reward_scaling ?? 1);
      },
    })
    .register("multi_stock", {
      needsMarket: true,
      create(section, ctx) {
        const market = requireMarket(ctx, "multi_stock");
        const env = createMultiStockEnv({
          market,
          symbols: symbolIndices(market, section.symbols),
          hmax: section.hmax ?? 100,
          initialCash: section.initial_cash ?? 1_000_000,
          costs: ctx.costs,
          ...(section.turbulence_threshold !== undefined
            ? { turbulenceThreshold: section.turbulence_threshold }
            : {}),
          reward: { ...rewardOptions(section), type: section.reward ?? "pnl" },
          window: section.window ?? 1,
          ...(section.episode_length !== undefined
            ? { episodeLength: section.episode_length }
            : {}),
          seed: ctx.seed,
        });
        return scaleRewards(env, section.reward_scaling ?? 1e-4);
      },
    })
    .register("portfolio", {
      needsMarket: true,
      create(section, ctx) {
        const market = requireMarket(ctx, "portfolio");
        const env = createPortfolioEnv({
          market,
          symbols: symbolIndices(market, section.symbols),
          costs: ctx.costs,
          reward: rewardOptions(section),
          window: section.window ?? 1,
          ...(section.episode_length !== undefined
            ? { episodeLength: section.episode_length }
            : {}),
          seed: ctx.seed,
        });
        return scaleRewards(env, section.reward_scaling ?? 1);
      },
    });
}
