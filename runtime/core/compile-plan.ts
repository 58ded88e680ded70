import { UserError } from "./errors.js";
import { messages } from "../messages/index.js";
import type { Plan, PlanSpec } from "./plan.js";
import { STAGE_KINDS, type Stage, type StageKind } from "./stage.js";

/**
 * Builds the stage for one kind from the spec, or returns undefined when the
 * spec does not ask for that stage. Factories live with their domain
 * (runtime/data/stage.ts, …) and resolve `type:` names in their own registries.
 */
export type StageFactory = (spec: PlanSpec, context: CompileContext) => Stage | undefined;

/** Where the spec came from, for stages that resolve relative paths or name the file in errors. */
export interface CompileContext {
  /** The spec file (as given). */
  readonly file: string;
}
export type StageFactories = Partial<Record<StageKind, StageFactory>>;

/**
 * Normalized spec → plan. Stages come out in the fixed kind order; every
 * stage's declared inputs must be produced by an earlier stage.
 */
export function compilePlan(
  spec: PlanSpec,
  factories: StageFactories,
  context: CompileContext = { file: "<spec>" },
): Plan {
  const stages: Stage[] = [];
  for (const kind of STAGE_KINDS) {
    const stage = factories[kind]?.(spec, context);
    if (stage) stages.push(stage);
  }
  const produced = new Set<StageKind>();
  for (const stage of stages) {
    for (const input of stage.inputs) {
      if (!produced.has(input)) {
        throw new UserError(messages.run.missingStage(stage.kind, input));
      }
    }
    produced.add(stage.kind);
  }
  return { name: spec.name, seed: spec.seed, stages };
}
