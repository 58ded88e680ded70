import type { Stage, StageKind } from "./stage.js";

/**
 * What a plan takes from its spec besides the stages: the name and seed. The
 * spec itself (runtime/spec's normalized `ExperimentSpec`) reaches each stage
 * as its typed section through the factories.
 */
export interface PlanIdentity {
  readonly name: string;
  readonly seed: number;
}

/** A compiled plan: the stages to run, in order. Pure data plus each stage's run function. */
export interface Plan {
  readonly name: string;
  readonly seed: number;
  readonly stages: readonly Stage[];
}

/** What `drlwb plan` prints: the plan without functions. */
export interface PlanDescription {
  readonly name: string;
  readonly seed: number;
  readonly stages: readonly {
    readonly kind: StageKind;
    readonly type: string;
    readonly inputs: readonly StageKind[];
    readonly config: unknown;
  }[];
}

export function describePlan(plan: Plan): PlanDescription {
  return {
    name: plan.name,
    seed: plan.seed,
    stages: plan.stages.map(({ kind, type, inputs, config }) => ({ kind, type, inputs, config })),
  };
}

/** Human-readable plan: one line per stage with its inputs. */
export function formatPlan(plan: Plan): string {
  const lines = [`plan ${plan.name} (seed ${plan.seed})`];
  plan.stages.forEach((stage, i) => {
    const inputs = stage.inputs.length ? ` ← ${stage.inputs.join(", ")}` : "";
    lines.push(`  ${i + 1}. ${stage.kind.padEnd(9)} ${stage.type}${inputs}`);
  });
  return lines.join("\n");
}
