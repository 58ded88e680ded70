import { UserError } from "./errors.js";
import { messages } from "../messages/index.js";
import type { Plan, PlanIdentity } from "./plan.js";
import { type SpecLocation, specLocation } from "./spec-location.js";
import { STAGE_KINDS, type Stage, type StageKind } from "./stage.js";

/**
 * Builds the stage of kind `K` from the spec `S`, or returns undefined when
 * the spec does not ask for that stage. The stage constructors live with their
 * domain (runtime/data/stage.ts, …) and resolve `type:` names in their own
 * registries; runtime/run/default-stages.ts hands each its typed slice of the
 * normalized spec.
 */
export type StageFactory<S, K extends StageKind = StageKind> = (
  spec: S,
  context: CompileContext,
) => Stage<K> | undefined;

/** Where the spec came from, for stages that resolve relative paths or name the file in errors. */
export interface CompileContext {
  /** The spec file (as given). */
  readonly file: string;
  /**
   * The spec's root location: a factory scopes it to its section
   * (`loc.at("/agent")`) and raises its errors with `specError(loc.at(path), …)`.
   */
  readonly loc: SpecLocation;
}
/** One optional factory per stage kind, over the spec type `S`. */
export type StageFactories<S> = { readonly [K in StageKind]?: StageFactory<S, K> };

/**
 * Normalized spec → plan. Stages come out in the fixed kind order; every
 * stage's declared inputs must be produced by an earlier stage.
 */
export function compilePlan<S extends PlanIdentity>(
  spec: S,
  factories: StageFactories<S>,
  where: { readonly file: string; readonly loc?: SpecLocation } = { file: "<spec>" },
): Plan {
  const context: CompileContext = { file: where.file, loc: where.loc ?? specLocation(where.file) };
  const stages: Stage[] = [];
  for (const kind of STAGE_KINDS) {
    const stage: Stage | undefined = factories[kind]?.(spec, context);
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
