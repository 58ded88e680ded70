import type { Rng } from "../core/rng.js";
import type { SpecLocation } from "../core/spec-location.js";
import type { BarRange, FeaturePanel, OhlcvPanel } from "../contracts/panel.js";
import type { Agent } from "./algos/agent.js";
import type { AlgorithmEntry } from "./algos/registry.js";
import type { Env } from "./envs/env.js";
import type { EnvEntry } from "./envs/registry.js";
import { isTradingEnvSection } from "./envs/trading-env-section.js";
import type { TradingCosts } from "./envs/trading-costs.js";
import { envConfigError, hyperparameterError } from "./section-check.js";
import type { AgentEnv, AgentSpec } from "../spec/types.generated.js";

/** Market data and features the trading envs read (a MarketDataset + FeaturePanel fit). */
export interface AgentMarket {
  readonly panel: OhlcvPanel;
  readonly features: FeaturePanel;
}

/**
 * Builds envs for one segment from the env section: `episodeLength` of
 * `undefined` uses the section's own setting, `null` the whole segment.
 * `loc` is the agent section's place in the spec (env errors point at its `env`).
 */
export function envBuilder(
  entry: EnvEntry,
  section: AgentEnv,
  market: AgentMarket | undefined,
  costs: TradingCosts,
  loc: SpecLocation,
): (range: BarRange | undefined, seed: number, episodeLength?: number | null) => Env {
  return (range, seed, episodeLength) => {
    // Only the trading envs have episodes of a chosen length.
    const envSection: AgentEnv =
      episodeLength === undefined || !isTradingEnvSection(section)
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
      return envConfigError(error, loc);
    }
  };
}

/**
 * Creates an agent for `algo` with the section's hyperparameters, turning bad
 * values into spec errors at the agent section `loc`.
 */
export function createAgent(
  algorithm: AlgorithmEntry,
  section: AgentSpec,
  loc: SpecLocation,
  probe: Env,
  seed: number,
  rng: Rng,
  makeEnv: (index: number) => Env,
  signal?: AbortSignal,
  hyperparameters: object = section.hyperparameters,
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
    return hyperparameterError(error, loc);
  }
}
