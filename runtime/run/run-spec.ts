import { stringify } from "yaml";
import { UserError } from "../core/errors.js";
import { withPositions } from "../spec/place-diagnostics.js";
import { compilePlan, type StageFactories } from "../plan/compile.js";
import { defaultStageFactories } from "../plan/default-stages.js";
import type { Plan, PlanSpec } from "../plan/plan.js";
import { loadSpec, redactSecrets, specHash } from "../spec/index.js";
import { messages } from "../messages/index.js";
import { type ExecuteOptions, executePlan, type RunResult } from "./execute.js";

export interface SpecOptions {
  /** Environment overlay (`dev`, `staging`, `production`, …). */
  readonly env?: string;
  /** Overrides the spec's seed. */
  readonly seed?: number;
  /** Environment variables for `${env:…}` (default: process.env). */
  readonly environ?: Record<string, string | undefined>;
  readonly factories?: StageFactories;
}

export interface CompiledSpec {
  readonly file: string;
  readonly spec: PlanSpec;
  readonly plan: Plan;
  readonly specHash: string;
  readonly provenance: Record<string, string>;
}

/** Load → validate → normalize → compile. Throws UserError with diagnostics for bad specs. */
export function compileSpecFile(file: string, options: SpecOptions = {}): CompiledSpec {
  const loaded = loadSpec(file, {
    ...(options.env ? { env: options.env } : {}),
    environ: options.environ ?? process.env,
  });
  if (!loaded.ok) {
    throw new UserError(
      messages.run.specInvalid(file, loaded.diagnostics.length),
      loaded.diagnostics,
    );
  }
  if (loaded.kind !== "experiment") {
    throw new UserError(messages.run.notAnExperiment(file, loaded.kind));
  }
  const base = loaded.spec as unknown as PlanSpec;
  const spec: PlanSpec = options.seed === undefined ? base : { ...base, seed: options.seed };
  const plan = withPositions(loaded.locate, file, () =>
    compilePlan(spec, options.factories ?? defaultStageFactories(), { file }),
  );
  return {
    file,
    spec,
    plan,
    specHash: specHash(spec),
    provenance: loaded.provenance as Record<string, string>,
  };
}

export type RunSpecOptions = SpecOptions &
  Omit<ExecuteOptions, "specFile" | "specHash" | "resolvedSpecYaml" | "provenance" | "env">;

/** Runs a spec file end to end into a new run folder. */
export async function runSpec(file: string, options: RunSpecOptions = {}): Promise<RunResult> {
  const compiled = compileSpecFile(file, options);
  return executePlan(compiled.plan, {
    ...options,
    specFile: file,
    specHash: compiled.specHash,
    resolvedSpecYaml: stringify(redactSecrets(compiled.spec)),
    provenance: compiled.provenance,
    ...(options.env ? { env: options.env } : {}),
  });
}
