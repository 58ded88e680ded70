import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Diagnostic } from "../core/errors.js";
import { suggestName } from "./suggest-name.js";
import { specMessages } from "../messages/spec.js";
import { childPointer, isPlainObject, valueAt } from "./pointer.js";
import type { Problem } from "./problem.js";

/** What loading the sweep's base experiment gave. */
export type BaseLoad =
  | {
      readonly ok: true;
      readonly kind: string;
      readonly spec: Record<string, unknown>;
      readonly files: string[];
    }
  | { readonly ok: false; readonly diagnostics: Diagnostic[]; readonly files: string[] };

/**
 * Checks a (schema-valid) sweep against its base experiment: the base loads
 * and is an experiment, every parameter names a value of it, ranges are sane
 * and a grid stays within `max_trials`.
 */
export function sweepChecks(
  file: string,
  sweep: Record<string, unknown>,
  loadBase: (file: string) => BaseLoad,
): { problems: Problem[]; files: string[]; diagnostics: Diagnostic[] } {
  const problems: Problem[] = [];
  const base = String(sweep.base);
  const target = resolve(dirname(file), base);
  if (target === resolve(file) || !existsSync(target)) {
    problems.push({
      pointer: "/base",
      anchor: "value",
      message: specMessages.sweepBaseMissing(base),
    });
    return { problems, files: [], diagnostics: [] };
  }
  const loaded = loadBase(target);
  if (!loaded.ok) return { problems, files: loaded.files, diagnostics: loaded.diagnostics };
  if (loaded.kind !== "experiment") {
    problems.push({
      pointer: "/base",
      anchor: "value",
      message: specMessages.sweepBaseNotExperiment(base, loaded.kind),
    });
    return { problems, files: loaded.files, diagnostics: [] };
  }
  const parameters = isPlainObject(sweep.parameters) ? sweep.parameters : {};
  const leaves = leafPaths(loaded.spec, "");
  let trials = 1;
  for (const [path, values] of Object.entries(parameters)) {
    const pointer = childPointer("/parameters", path);
    const current = valueAt(loaded.spec, `/${path.split(".").join("/")}`);
    if (current === undefined) {
      const suggestion = suggestName(path, leaves);
      problems.push({
        pointer,
        anchor: "key",
        message: specMessages.sweepUnknownParameter(path),
        ...(suggestion ? { hint: specMessages.didYouMean(suggestion) } : {}),
      });
    } else if (current !== null && typeof current === "object") {
      problems.push({
        pointer,
        anchor: "key",
        message: specMessages.sweepParameterNotScalar(path),
      });
    }
    trials *= countValues(values, sweep.method === "grid", pointer, problems);
  }
  const max = typeof sweep.max_trials === "number" ? sweep.max_trials : Number.POSITIVE_INFINITY;
  if (sweep.method === "grid" && trials > max) {
    problems.push({
      pointer: "/parameters",
      anchor: "key",
      message: specMessages.sweepTooManyTrials(trials, max),
    });
  }
  return { problems, files: loaded.files, diagnostics: [] };
}

function countValues(values: unknown, grid: boolean, pointer: string, problems: Problem[]): number {
  if (Array.isArray(values)) return values.length;
  if (!isPlainObject(values)) return 1;
  const min = Number(values.min);
  const max = Number(values.max);
  if (min > max) {
    problems.push({ pointer, anchor: "value", message: specMessages.sweepRangeReversed(min, max) });
    return 1;
  }
  if (!grid) return 1;
  if (typeof values.step !== "number") {
    problems.push({ pointer, anchor: "value", message: specMessages.sweepGridNeedsStep() });
    return 1;
  }
  return Math.floor((max - min) / values.step + 1e-9) + 1;
}

function leafPaths(value: unknown, prefix: string): string[] {
  if (isPlainObject(value)) {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, `${prefix}.${i}`));
  return prefix ? [prefix] : [];
}
