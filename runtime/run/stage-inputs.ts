import { UserError } from "../core/errors.js";
import type { Stage, StageInput, StageKind, StageOutput } from "../core/stage.js";
import { messages } from "../messages/index.js";

/** The outputs of the stages run so far, by kind. */
export type StageOutputStore = { [K in StageKind]?: StageOutput<K> };

/** Records `output`, which the stage of kind `kind` returned (so it is a `StageOutput<kind>`). */
export function storeOutput(outputs: StageOutputStore, kind: StageKind, output: unknown): void {
  (outputs as Partial<Record<StageKind, unknown>>)[kind] = output;
}

/**
 * Exactly what `stage` declared it reads: the output of each of its `inputs`
 * (compilePlan checked that an earlier stage produces it). Nothing else
 * reaches a stage.
 */
export function declaredInputs(
  stage: Stage,
  outputs: StageOutputStore,
): StageInput<StageKind, StageKind> {
  const input: StageOutputStore = {};
  for (const kind of stage.inputs) {
    if (!Object.hasOwn(outputs, kind)) {
      throw new UserError(messages.run.missingStage(stage.kind, kind));
    }
    storeOutput(input, kind, outputs[kind]);
  }
  // Each entry is the output of the stage of that kind (the executor stores them by kind).
  return input as StageInput<StageKind, StageKind>;
}
