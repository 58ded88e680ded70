import { specError } from "../core/spec-error.js";
import type { SpecLocation } from "../core/spec-location.js";
import { didYouMean } from "../core/suggest.js";
import { agentsMessages } from "../messages/agents.js";
import type { AgentSpec } from "../spec/types.generated.js";
import { checkHyperparameters } from "./algos/hyperparameter-checks.js";
import type { AlgorithmEntry } from "./algos/registry.js";
import type { NamedRegistry } from "../core/named-registry.js";
import type { EnvEntry } from "./envs/registry.js";

/** Which action-space kind each env type has. */
export const ENV_ACTION_SPACES: Readonly<Record<string, "discrete" | "box">> = {
  single_asset: "discrete",
  cartpole: "discrete",
  multi_stock: "box",
  portfolio: "box",
  pendulum: "box",
};

/**
 * Checks an agent section against the registries before anything runs:
 * known algorithm and env names (with "did you mean"), an algorithm
 * that can act in the env's action space, and the hyperparameter rules the
 * schema cannot state (checkHyperparameters). `loc` is the agent section's place
 * in the spec (`/agent` in an experiment, the root of a `kind: agent` spec).
 */
export function checkAgentSpec(
  section: AgentSpec,
  algorithms: NamedRegistry<AlgorithmEntry>,
  envs: NamedRegistry<EnvEntry>,
  loc: SpecLocation,
): { algorithm: AlgorithmEntry; env: EnvEntry } {
  const types = section.ensemble ? section.ensemble.algorithms : [section.type];
  let algorithm: AlgorithmEntry | undefined;
  types.forEach((type, i) => {
    if (!algorithms.has(type)) {
      const known = algorithms.names();
      throw specError(
        loc.at(section.ensemble ? `/ensemble/algorithms/${i}` : "/type"),
        agentsMessages.unknownAlgorithm(type, known, didYouMean(type, known)),
        agentsMessages.algorithmHint(known),
      );
    }
    algorithm ??= algorithms.get(type);
  });
  if (!envs.has(section.env.type)) {
    const known = envs.names();
    throw specError(
      loc.at("/env/type"),
      agentsMessages.unknownEnv(section.env.type, didYouMean(section.env.type, known)),
      agentsMessages.envHint(known),
    );
  }
  const env = envs.get(section.env.type);
  const space = ENV_ACTION_SPACES[section.env.type] ?? "discrete";
  for (const type of types) {
    const entry = algorithms.get(type);
    if (!entry.actionSpaces.includes(space)) {
      const suggestions = algorithms
        .names()
        .filter((n) => algorithms.get(n).actionSpaces.includes(space));
      throw specError(
        loc.at(section.ensemble ? "/ensemble/algorithms" : "/type"),
        agentsMessages.actionSpaceMismatch(type, space, entry.actionSpaces),
        agentsMessages.actionSpaceHint(type, entry.actionSpaces, suggestions),
      );
    }
  }
  checkHyperparameters(section.type, section.hyperparameters, loc.at("/hyperparameters"));
  for (const type of section.ensemble?.algorithms ?? []) {
    const given = section.ensemble?.hyperparameters?.[type];
    if (given) checkHyperparameters(type, given, loc.at(`/ensemble/hyperparameters/${type}`));
  }
  return { algorithm: algorithm!, env };
}

/** A hyperparameter RangeError from an algorithm factory as a UserError at the agent section's `hyperparameters`. */
export function hyperparameterError(error: unknown, loc: SpecLocation): never {
  const detail = error instanceof Error ? error.message : String(error);
  throw specError(
    loc.at("/hyperparameters"),
    agentsMessages.badHyperparameter(detail),
    agentsMessages.hyperparameterHint(),
  );
}

/** An env factory's RangeError as a UserError at the agent section's `env`. */
export function envConfigError(error: unknown, loc: SpecLocation): never {
  const detail = error instanceof Error ? error.message : String(error);
  throw specError(loc.at("/env"), agentsMessages.badEnvConfig(detail));
}
