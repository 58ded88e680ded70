/**
 * The DRL Workbench runtime API: the one entry point for the CLI, notebooks
 * and the server. Each domain re-exports its public surface here.
 */
export * from "./core/errors.js";
export * from "./core/rng.js";
export * from "./core/hash.js";
export type { OhlcvPanel, FeaturePanel, BarRange, Segments } from "./data/panel.js";
export type { Stage, StageKind, RunContext, ArtifactWriter } from "./plan/stage.js";
