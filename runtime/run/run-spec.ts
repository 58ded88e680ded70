import { stringify } from "yaml";
import { UserError } from "../core/errors.js";
import { withPositions } from "../spec/place-diagnostics.js";
import { loadedSpecLocation } from "../spec/spec-location.js";
import { compilePlan, type StageFactories } from "../core/compile-plan.js";
import { defaultStageFactories } from "../run/default-stages.js";
import type { Plan } from "../core/plan.js";
import { type ExperimentSpec, loadSpec, redactSecrets, specHash } from "../spec/index.js";
import { presentUserError } from "../spec/policy-errors.js";
import { cliSpecPolicy, type SpecPolicy } from "../spec/spec-policy.js";
import { displayPath, resolvesWithin } from "../spec/workspace-paths.js";
import { messages } from "../messages/index.js";
import type { OpenRegistry } from "../registry/backend.js";
import { type ExecuteOptions, executePlan, type RunResult } from "./execute.js";

export interface SpecOptions {
  /** Environment overlay (`dev`, `staging`, `production`, …). */
  readonly env?: string;
  /** Overrides the spec's seed. */
  readonly seed?: number;
  /** Environment variables for `${env:…}` (default: process.env). */
  readonly environ?: Record<string, string | undefined>;
  readonly factories?: StageFactories<ExperimentSpec>;
  /**
   * What the spec may touch (runtime/spec/spec-policy.ts); default: the CLI's
   * policy (today's behaviour). A server policy also keeps runs and
   * registrations inside its workspace and words errors without absolute paths.
   */
  readonly policy?: SpecPolicy;
  /**
   * The registry backend a `register:` section records its version through
   * (the CLI's `--registry-backend store`, a server job on a store-backed
   * registry); absent: the embedded registry.json.
   */
  readonly openRegistry?: OpenRegistry;
}

export interface CompiledSpec {
  readonly file: string;
  /** The normalized experiment (defaults filled, secrets as references). */
  readonly spec: ExperimentSpec;
  readonly plan: Plan;
  readonly specHash: string;
  readonly provenance: Record<string, string>;
}

/** Load → validate → normalize → compile. Throws UserError with diagnostics for bad specs. */
export function compileSpecFile(file: string, options: SpecOptions = {}): CompiledSpec {
  const policy = options.policy ?? cliSpecPolicy();
  try {
    return compileWithPolicy(file, options, policy);
  } catch (error) {
    throw error instanceof UserError ? presentUserError(error, policy) : error;
  }
}

function compileWithPolicy(file: string, options: SpecOptions, policy: SpecPolicy): CompiledSpec {
  const loaded = loadSpec(file, {
    ...(options.env ? { env: options.env } : {}),
    environ: options.environ ?? process.env,
    policy,
  });
  const shown = displayPath(policy, file);
  if (!loaded.ok) {
    throw new UserError(
      messages.run.specInvalid(shown, loaded.diagnostics.length),
      loaded.diagnostics,
    );
  }
  if (loaded.kind !== "experiment") {
    throw new UserError(messages.run.notAnExperiment(shown, loaded.kind));
  }
  const spec: ExperimentSpec =
    options.seed === undefined ? loaded.spec : { ...loaded.spec, seed: options.seed };
  const registryDir = policy.workspace?.registry;
  const maxFileBytes = policy.maxDataFileBytes;
  const factories =
    options.factories ??
    defaultStageFactories({
      ...(registryDir ? { registryDir } : {}),
      ...(maxFileBytes !== null ? { maxFileBytes } : {}),
      ...(options.openRegistry ? { openRegistry: options.openRegistry } : {}),
    });
  const loc = loadedSpecLocation(file, loaded.locate);
  const plan = withPositions(loaded.locate, file, () =>
    compilePlan(spec, factories, { file, loc }),
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
  const runsDir = runsFolder(options);
  return executePlan(compiled.plan, {
    ...options,
    ...(runsDir !== undefined ? { runsDir } : {}),
    // Under the server's policy the run records (and its report shows) the
    // workspace-relative spec file, never an absolute server path.
    specFile: options.policy ? displayPath(options.policy, file) : file,
    specHash: compiled.specHash,
    resolvedSpecYaml: stringify(redactSecrets(compiled.spec)),
    provenance: compiled.provenance,
    ...(options.env ? { env: options.env } : {}),
  });
}

/** The run folder's parent: under a policy with a workspace, inside its runs folder (default: that folder). */
function runsFolder(options: RunSpecOptions): string | undefined {
  const ws = options.policy?.workspace;
  if (!ws) return options.runsDir;
  const runsDir = options.runsDir ?? ws.runs;
  if (!resolvesWithin(ws.runs, runsDir)) {
    throw new UserError(
      messages.policy.runsOutsideFolder(displayPath(options.policy ?? cliSpecPolicy(), ws.runs)),
    );
  }
  return runsDir;
}
