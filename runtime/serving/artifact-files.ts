/**
 * The files of a model artifact the server decides from, besides model/
 * (the saved policy with its observation statistics) and risk.json (the
 * risk overlay): written by the register stage, read by the loaders.
 */
export const ARTIFACT_FILES = {
  /** The model signature (schemas/api.schema.json `$defs/ModelSignature`). */
  signature: "signature.json",
  /** Agents: the env section and the costs the training env charged. */
  env: "env.json",
  /** Rule strategies: the strategy section (strategy.schema.json, defaults filled). */
  strategy: "strategy.json",
  /** Regime-switched models: the regime section and the detector the run fitted (served-regime.ts). */
  regime: "regime.json",
} as const;
