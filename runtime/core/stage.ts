import type { Logger } from "./logger.js";
import type { Progress } from "./progress.js";
import type { Rng } from "./rng.js";

/** The stage kinds of a plan, in execution order. */
export const STAGE_KINDS = [
  "data",
  "features",
  "regime",
  "signal",
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
  /** The stage's own random stream, derived from the run seed and the stage kind. */
  readonly rng: Rng;
  readonly seed: number;
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
 * A compiled stage: its kind, the implementation `type` it was resolved to,
 * the names of the stage outputs it consumes, and its typed slice of the spec.
 */
export interface Stage<I = unknown, O = unknown> {
  readonly kind: StageKind;
  readonly type: string;
  readonly inputs: readonly StageKind[];
  /** The spec slice this stage was compiled from (printable, plain data). */
  readonly config: unknown;
  run(ctx: RunContext, input: I): Promise<O>;
}
