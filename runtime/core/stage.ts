import type { Logger } from "./logger.js";
import type { Progress } from "./progress.js";
import type { Rng } from "./rng.js";
import type { SeedPlan } from "./seed-plan.js";

/**
 * The stage kinds of a plan, in execution order. `train` is the stage of
 * `drlwb train` (a standalone `kind: agent` spec's one-stage plan); the
 * experiment factories never plan it.
 */
export const STAGE_KINDS = [
  "data",
  "features",
  "regime",
  "signal",
  "train",
  "risk",
  "backtest",
  "report",
  "register",
] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/**
 * Writes inside the run folder. Every write is atomic; paths are relative to
 * the stage's own folder `stages/<kind>/` unless they start with `/`, which
 * means the run folder root.
 */
export interface ArtifactWriter {
  readonly dir: string;
  writeText(relativePath: string, text: string): string;
  writeJson(relativePath: string, value: unknown): string;
  writeBytes(relativePath: string, bytes: Uint8Array): string;
  /** Absolute path of a file inside the stage folder (for libraries that write themselves). */
  path(relativePath: string): string;
}

/** Identity and provenance of the run a stage belongs to. */
export interface RunInfo {
  readonly id: string;
  /** Absolute path of the run folder. */
  readonly dir: string;
  readonly name: string;
  readonly specFile: string;
  readonly specHash: string;
  /** Package version, git commit (and dirty flag), Node version. */
  readonly code: {
    package: string;
    version: string;
    commit?: string;
    dirty?: boolean;
    node: string;
  };
  /** The environment overlay in force, if any. */
  readonly env?: string;
}

/** What a stage gets besides its typed input. No globals: everything is here. */
export interface RunContext {
  readonly runId: string;
  readonly run: RunInfo;
  /** The stage's own random stream, derived from the run seed and the stage kind: `seeds.rng()`. */
  readonly rng: Rng;
  /** The run seed (recorded in run.json and the registry; derive nothing from it by arithmetic). */
  readonly seed: number;
  /**
   * The stage's seed plan, `createSeedPlan(seed).fork(kind)`: every further
   * seed or stream of the stage is a named fork of it (`seeds.fork("agent", k, "env", i)`).
   */
  readonly seeds: SeedPlan;
  readonly logger: Logger;
  readonly progress: Progress;
  readonly artifacts: ArtifactWriter;
  /** Aborted on Ctrl-C; long loops should check it. */
  readonly signal: AbortSignal;
  /**
   * True when `drlwb run --resume` continues an interrupted run in its own
   * folder: a stage may pick up what the interrupted stage left (the agent's
   * training checkpoint) instead of starting over.
   */
  readonly resuming?: boolean;
}

/**
 * What each stage kind produces: kind → output type. Core declares the
 * contract empty; runtime/run/stage-output-map.ts, where the domains are
 * wired into a plan, fills it in one table by declaration merging
 * (`declare module "../core/stage.js" { interface StageOutputs { … } }`).
 * So a domain's stage reads its inputs as `Pick<StageOutputs, In>` while
 * importing only this module (imports point down the layers: domain → core),
 * and the run layer — the only one that knows every domain — names the types.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in runtime/run/stage-output-map.ts
export interface StageOutputs {}

/** The output type of stage kind `K` (`unknown` only if the map lacks the kind). */
export type StageOutput<K extends StageKind> = K extends keyof StageOutputs
  ? StageOutputs[K]
  : unknown;

/**
 * What a stage's `run` receives, exactly the outputs of the kinds in its
 * `inputs`: those of `In`, which it always declares, and those of `Opt`, which
 * its factory declares only when the plan has such a stage (so they may be
 * absent). Nothing else reaches a stage.
 */
export type StageInput<In extends StageKind, Opt extends StageKind = never> = {
  readonly [K in In]: StageOutput<K>;
} & { readonly [K in Opt]?: StageOutput<K> };

/**
 * A compiled stage: its kind `K`, the implementation `type` it was resolved
 * to, the kinds whose outputs it reads (`In` always, `Opt` when the plan
 * has them), its typed slice of the spec, and what it returns: `Out`, the
 * kind's output type or a narrower one (the agent's signal stage returns an
 * `AgentSignal`, one of the `signal` outputs). `Stage` with no arguments is any stage.
 */
export interface Stage<
  K extends StageKind = StageKind,
  In extends StageKind = StageKind,
  Opt extends StageKind = StageKind,
  Out extends StageOutput<K> = StageOutput<K>,
> {
  readonly kind: K;
  readonly type: string;
  /**
   * Kinds whose outputs the stage reads; an earlier stage must produce each
   * (compilePlan checks) and the executor passes exactly these.
   */
  readonly inputs: readonly (In | Opt)[];
  /** The spec slice this stage was compiled from (printable, plain data). */
  readonly config: unknown;
  /**
   * Who consumes what (test/run/unconsumed-outputs.test.ts checks that every
   * field a stage produces has a reader): every field of the stage's output
   * (`outputFields<O>({…})`, which the compiler holds complete) …
   */
  readonly produces?: readonly string[];
  /** … for each stage kind it reads (one of its `inputs`), the fields of that output it reads … */
  readonly reads?: Readonly<Partial<Record<In | Opt, readonly string[]>>>;
  /** … and the fields of its own output it writes into the run folder (its artifacts, run.log). */
  readonly records?: readonly string[];
  run(ctx: RunContext, input: StageInput<In, Opt>): Promise<Out>;
}

/**
 * The fields of a stage's output type, for `Stage.produces`: one `true` per
 * field, and the compiler rejects a list that misses a field or names one the
 * type does not have.
 */
export function outputFields<O>(fields: { readonly [K in keyof O]-?: true }): readonly string[] {
  return Object.keys(fields);
}
