import { type Diagnostic, UserError } from "../core/errors.js";
import { didYouMean } from "../core/suggest.js";
import { agentsMessages } from "../messages/agents.js";
import type { AgentSection } from "./agent-section.js";
import type { AlgorithmEntry } from "./algos/registry.js";
import type { NamedRegistry } from "../core/named-registry.js";
import type { EnvEntry } from "./envs/registry.js";

function fail(path: string, message: string, hint?: string): never {
  const diagnostic: Diagnostic = {
    file: "",
    path,
    message,
    severity: "error",
    ...(hint ? { hint } : {}),
  };
  throw new UserError(message, [diagnostic]);
}

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
 * known algorithm and env names (with "did you mean"), and an algorithm
 * that can act in the env's action space.
 */
export function checkAgentSection(
  section: AgentSection,
  algorithms: NamedRegistry<AlgorithmEntry>,
  envs: NamedRegistry<EnvEntry>,
): { algorithm: AlgorithmEntry; env: EnvEntry } {
  const types = section.ensemble ? section.ensemble.algorithms : [section.type];
  let algorithm: AlgorithmEntry | undefined;
  types.forEach((type, i) => {
    if (!algorithms.has(type)) {
      const known = algorithms.names();
      fail(
        section.ensemble ? `/agent/ensemble/algorithms/${i}` : "/agent/type",
        agentsMessages.unknownAlgorithm(type, known, didYouMean(type, known)),
        agentsMessages.algorithmHint(known),
      );
    }
    algorithm ??= algorithms.get(type);
  });
  if (!envs.has(section.env.type)) {
    const known = envs.names();
    fail(
      "/agent/env/type",
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
      fail(
        section.ensemble ? "/agent/ensemble/algorithms" : "/agent/type",
        agentsMessages.actionSpaceMismatch(type, space, entry.actionSpaces),
        agentsMessages.actionSpaceHint(type, entry.actionSpaces, suggestions),
      );
    }
  }
  return { algorithm: algorithm!, env };
}

/** Wraps a hyperparameter RangeError from an algorithm factory as a UserError at the spec path. */
export function hyperparameterError(error: unknown): never {
  const detail = error instanceof Error ? error.message : String(error);
  fail(
    "/agent/hyperparameters",
    agentsMessages.badHyperparameter(detail),
    agentsMessages.hyperparameterHint(),
  );
}

export function envConfigError(error: unknown): never {
  const detail = error instanceof Error ? error.message : String(error);
  fail("/agent/env", agentsMessages.badEnvConfig(detail));
}
