/**
 * `drlwb validate` for a `kind: sweep` spec: after the schema and the spec
 * layer's checks (base exists, parameters name values of it), the sweep's own
 * checks that need no data run here, against the loaded base experiment —
 * the same ones `drlwb sweep` runs before it loads the data.
 */
import { dirname, resolve } from "node:path";
import { checkSweepSpec } from "../backtest/sweep/sweep-spec.js";
import { loadSpec, type LoadSpecOptions } from "../spec/index.js";
import { loadedSpecLocation } from "../spec/spec-location.js";

/** Throws the first problem as a UserError placed in the YAML; a sweep the loader refuses is left to its diagnostics. */
export function checkSweepSpecFile(file: string, options: LoadSpecOptions = {}): void {
  const sweep = loadSpec(file, options);
  if (!sweep.ok || sweep.kind !== "sweep") return;
  const baseFile = resolve(dirname(file), sweep.spec.base);
  const base = loadSpec(baseFile, options);
  if (!base.ok || base.kind !== "experiment") return;
  checkSweepSpec(
    sweep.spec,
    base.spec,
    loadedSpecLocation(file, sweep.locate),
    loadedSpecLocation(baseFile, base.locate),
  );
}
