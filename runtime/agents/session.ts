import type { Rng } from "../core/rng.js";
import type { BarRange, FeaturePanel, OhlcvPanel } from "../data/panel.js";
import type { AgentSection } from "./agent-section.js";
import type { Agent } from "./algos/agent.js";
import type { AlgorithmEntry } from "./algos/registry.js";
import type { Env } from "./envs/env.js";
import type { EnvSection } from "./envs/env-section.js";
import type { EnvEntry } from "./envs/registry.js";
import type { TradingCosts } from "./envs/trading-costs.js";
import { envConfigError, hyperparameterError } from "./section-check.js";

/** Market data and features the trading envs read (a MarketDataset + FeaturePanel fit). */
export interface AgentMarket {
  readonly panel: OhlcvPanel;
  readonly features: FeaturePanel;
}

/**
 * Builds envs for one segment from the env section: `episodeLength` of
 * `undefined` uses the section's own setting, `null` the whole segment.
 */
export function envBuilder(
  entry: EnvEntry,
  section: EnvSection,
  market: AgentMarket | undefined,
  costs: TradingCosts,
): (range: BarRange | undefined, seed: number, episodeLength?: number | null) => Env {
  return (range, seed, episodeLength) => {
    const envSection: EnvSection =
      episodeLength === undefined
        ? section
        : episodeLength === null
          ? { ...section, episode_length: undefined }
          : { ...section, episode_length: episodeLength };
    try {
      return entry.create(envSection, {
        ...(market && range
          ? { market: { panel: market.panel, features: market.features, range } }
          : {}),
        costs,
        seed,
      });
    } catch (error) {
      return envConfigError(error);
    }
  };
}

/** Creates an agent for `algo` with the section's hyperparameters, turning bad values into spec errors. */
export function createAgent(
  algorithm: AlgorithmEntry,
  section: AgentSection,
  probe: Env,
  seed: number,
  rng: Rng,
  makeEnv: (index: number) => Env,
  signal?: AbortSignal,
  hyperparameters: Record<string, unknown> = section.hyperparameters ?? {},
): Agent {
  try {
    return algorithm.create({
      observationSize: probe.observationSpace.size,
      actionSpace: probe.actionSpace,
      hyperparameters,
      seed,
      rng,
      makeEnv,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    return hyperparameterError(error);
  }
}
