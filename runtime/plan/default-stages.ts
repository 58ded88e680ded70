import type { StageFactories } from "./compile.js";

/**
 * The stage factories of every kind, each from its own domain. Built on call
 * (no module-level registry state).
 */
export function defaultStageFactories(): StageFactories {
  return {};
}
