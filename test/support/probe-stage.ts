import type { RunContext, Stage, StageKind } from "../../runtime/core/stage.js";

/** A probe stage as a test writes it: any output, and the inputs read by name. */
export interface ProbeStageBody<K extends StageKind> extends Omit<Stage<K, StageKind>, "run"> {
  run(ctx: RunContext, input: Readonly<Record<string, unknown>>): Promise<unknown>;
}

/**
 * A stage of kind `kind` whose output is a small test value instead of the
 * kind's real output type (a data stage returning `{ values, hash, metrics }`):
 * enough for tests of the executor, which records whatever a stage returns and
 * hands each stage the outputs of the kinds it declares.
 */
export function probeStage<K extends StageKind>(body: ProbeStageBody<K>): Stage<K> {
  // The executor passes a stage exactly the outputs it declares; a probe reads them by name.
  return body as Stage<K>;
}
