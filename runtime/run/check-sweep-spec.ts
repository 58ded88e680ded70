/**
 * The sweep's own checks that need no data, after the schema and the spec
 * layer's checks (base exists, parameters name values of it): the metric,
 * the space, a rule sweep's strategy, and for sweeps of whole experiments
 * every parameter value compiled into a trial experiment. `drlwb validate`
 * and `drlwb sweep` run the same function, so a sweep that validates does
 * not fail on its spec.
 */
import { dirname, resolve } from "node:path";
import { checkSweepSpec, type SweepPlan } from "../backtest/sweep/sweep-spec.js";
import type { SpecLocation } from "../core/spec-location.js";
import { type LoadedSpec, loadSpec, type LoadSpecOptions } from "../spec/index.js";
import { loadedSpecLocation } from "../spec/spec-location.js";
import { checkExperimentTrials, type SweepBase } from "./experiment-sweep.js";

export interface CheckedSweep {
  readonly plan: SweepPlan;
  readonly base: SweepBase;
  readonly loc: SpecLocation;
}

/** Checks a loaded sweep against its loaded base (throws the first problem as a UserError placed in the YAML). */
export function checkLoadedSweep(
  file: string,
  sweep: LoadedSpec<"sweep">,
  baseFile: string,
  base: LoadedSpec<"experiment">,
): CheckedSweep {
  const loc = loadedSpecLocation(file, sweep.locate);
  const sweepBase: SweepBase = {
    file: baseFile,
    spec: base.spec,
    loc: loadedSpecLocation(baseFile, base.locate),
    locate: base.locate,
  };
  const plan = checkSweepSpec(sweep.spec, base.spec, loc, sweepBase.loc);
  if (plan.kind === "experiments") checkExperimentTrials(sweep.spec, plan, sweepBase, loc);
  return { plan, base: sweepBase, loc };
}

/** `drlwb validate` for a `kind: sweep` file; a sweep or base the loader refuses is left to its diagnostics. */
export function checkSweepSpecFile(file: string, options: LoadSpecOptions = {}): void {
  const sweep = loadSpec(file, options);
  if (!sweep.ok || sweep.kind !== "sweep") return;
  const baseFile = resolve(dirname(file), sweep.spec.base);
  const base = loadSpec(baseFile, options);
  if (!base.ok || base.kind !== "experiment") return;
  checkLoadedSweep(file, sweep, baseFile, base);
}
