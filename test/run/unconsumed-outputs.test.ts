import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAgentTrainStage } from "../../runtime/agents/train-stage.js";
import type { Plan } from "../../runtime/core/plan.js";
import { STAGE_KINDS, type Stage } from "../../runtime/core/stage.js";
import { compileSpecFile } from "../../runtime/run/run-spec.js";
import { RUN_FOLDER_READS } from "../../runtime/run/stage-output.js";
import { loadSpec } from "../../runtime/spec/index.js";

/**
 * Who consumes what. Every field a stage produces (`Stage.produces`, which
 * the compiler holds equal to the fields of its output type) must have a
 * reader: a later stage that declares it in `reads` (the report is one), the
 * run folder (`RUN_FOLDER_READS`: metrics.json, run.json), or the stage's own
 * folder (`records`: regime.json, risk.json, …). An output nothing reads is
 * work whose result is dropped, as `regime.switching`'s weights once were.
 * The declarations are checked against each other too: a stage reads only
 * kinds it takes as inputs, only fields they produce, and something of each.
 */
function consumptionProblems(plan: Plan): string[] {
  const problems: string[] = [];
  const producers = new Map<string, Stage>(plan.stages.map((s) => [s.kind, s]));
  for (const [i, stage] of plan.stages.entries()) {
    const { produces, reads, records } = stage;
    if (!produces || !reads || !records) {
      problems.push(`${stage.kind} (${stage.type}) does not declare produces, reads and records`);
      continue;
    }
    for (const kind of stage.inputs) {
      if (!reads[kind]?.length) {
        problems.push(`${stage.kind} takes ${kind} as an input but reads none of its fields`);
      }
    }
    for (const [kind, fields] of Object.entries(reads)) {
      if (!(stage.inputs as readonly string[]).includes(kind)) {
        problems.push(`${stage.kind} reads ${kind} without taking it as an input`);
      }
      const producer = producers.get(kind);
      for (const field of fields ?? []) {
        if (!producer?.produces?.includes(field)) {
          problems.push(`${stage.kind} reads ${kind}.${field}, which no ${kind} stage produces`);
        }
      }
    }
    for (const field of records) {
      if (!produces.includes(field)) {
        problems.push(`${stage.kind} records ${field}, which is not a field of its output`);
      }
    }
    const later = plan.stages.slice(i + 1);
    for (const field of produces) {
      const consumed =
        RUN_FOLDER_READS.everyStage.includes(field) ||
        (RUN_FOLDER_READS.byKind[stage.kind]?.includes(field) ?? false) ||
        records.includes(field) ||
        later.some((reader) => reader.reads?.[stage.kind]?.includes(field));
      if (!consumed) {
        problems.push(
          `${stage.kind}.${field} (${stage.type}) is produced but nothing consumes it: no later stage reads it, and neither the run folder nor the stage's own folder records it`,
        );
      }
    }
  }
  return problems;
}

const SPECS_DIR = "specs";
const experiments = readdirSync(SPECS_DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .filter((f) => {
    const loaded = loadSpec(join(SPECS_DIR, f), { environ: process.env });
    return loaded.ok && loaded.kind === "experiment";
  });

/** The one-stage plan `drlwb train` runs for a standalone agent spec (trains a control env). */
function trainPlan(name: string): Plan | undefined {
  const file = join(SPECS_DIR, name);
  const loaded = loadSpec(file, { environ: process.env });
  if (!loaded.ok || loaded.kind !== "agent") return undefined;
  try {
    return { name, seed: 0, stages: [createAgentTrainStage(loaded.spec, { specFile: file })] };
  } catch {
    return undefined; // a trading agent, for experiments (`extends:`), not for `drlwb train`
  }
}
const trainPlans = readdirSync(SPECS_DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .flatMap((f) => {
    const plan = trainPlan(f);
    return plan ? [[f, plan] as const] : [];
  });

describe("every stage output has a consumer", () => {
  it("finds the example specs, and together their plans have every stage kind", () => {
    expect(existsSync(SPECS_DIR)).toBe(true);
    expect(experiments.length).toBeGreaterThan(3);
    const kinds = new Set([
      ...experiments.flatMap((f) =>
        compileSpecFile(join(SPECS_DIR, f)).plan.stages.map((s) => s.kind),
      ),
      ...trainPlans.flatMap(([, plan]) => plan.stages.map((s) => s.kind)),
    ]);
    expect([...kinds].sort()).toEqual([...STAGE_KINDS].sort());
  });

  it.each(trainPlans)("%s (drlwb train): every field the stage produces is consumed", (_, plan) => {
    expect(consumptionProblems(plan)).toEqual([]);
  });

  it.each(experiments)("%s: every field a stage produces is consumed", (name) => {
    const { plan } = compileSpecFile(join(SPECS_DIR, name));
    expect(consumptionProblems(plan)).toEqual([]);
  });

  it("reports a produced field nothing reads, and reads of fields nobody produces", () => {
    const stage = (kind: Stage["kind"], extra: Partial<Stage>): Stage => ({
      kind,
      type: "probe",
      inputs: [],
      config: {},
      produces: [],
      reads: {},
      records: [],
      run: async () => {
        throw new Error("not run");
      },
      ...extra,
    });
    const plan: Plan = {
      name: "probe",
      seed: 1,
      stages: [
        stage("data", { produces: ["panel", "hash", "metrics", "dropped"], records: [] }),
        stage("signal", {
          inputs: ["data"],
          produces: ["weights"],
          reads: { data: ["panel", "missing"] },
        }),
        stage("backtest", {
          inputs: ["signal"],
          produces: ["metrics"],
          reads: { signal: ["weights"] },
        }),
      ],
    };
    expect(consumptionProblems(plan)).toEqual([
      "data.dropped (probe) is produced but nothing consumes it: no later stage reads it, and neither the run folder nor the stage's own folder records it",
      "signal reads data.missing, which no data stage produces",
    ]);
  });
});
