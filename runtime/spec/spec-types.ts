import type { SpecKind } from "./kinds.js";
import type { SpecSchemas } from "./types.generated.js";

/**
 * The normalized spec of each kind, typed from the schemas
 * (runtime/spec/types.generated.ts). Defaults are filled, so keys with a
 * schema default are present even where the type marks them optional.
 * Secret fields hold `SecretString` (plain text or a `SecretRef`).
 */
export type SpecOfKind = { [K in SpecKind]: SpecSchemas[K] };

export type NormalizedExperiment = SpecOfKind["experiment"];
export type NormalizedSweep = SpecOfKind["sweep"];
