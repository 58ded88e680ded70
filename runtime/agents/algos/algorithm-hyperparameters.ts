import { resolveSchemaValue } from "../../spec/resolve-value.js";
import type { AgentSpec, SpecSchemas } from "../../spec/types.generated.js";

/** An algorithm's `type:` name (ppo, a2c, dqn, sac, td3, ddpg). */
export type AlgorithmName = AgentSpec["type"];

/**
 * The hyperparameters of algorithm `A` as its schema branch
 * (agent.schema.json `$defs/hyperparameters_<algo>`) describes them, defaults filled.
 */
export type HyperparametersOf<A extends AlgorithmName> = SpecSchemas[`agent/hyperparameters_${A}`];

/**
 * Validates hyperparameters against algorithm `algo`'s schema and fills its
 * defaults (SB3's): the values a spec, an ensemble or a saved model wrote —
 * a model saved before a default existed still loads. A `UserError` naming
 * each unknown or bad key (with "did you mean …") otherwise.
 */
export function resolveHyperparameters<A extends AlgorithmName>(
  algo: A,
  values: object,
): HyperparametersOf<A> {
  return resolveSchemaValue(`agent/hyperparameters_${algo}`, values, `${algo} hyperparameters`);
}
