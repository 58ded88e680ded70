/**
 * Sweeps whose trials are whole experiments (agent hyperparameters, risk
 * limits, backtest keys, … — anything the fast rule-strategy path does not
 * run): each trial is the base experiment with the swept values set and
 * `backtest.segment` set to the objective's segment, compiled and executed
 * like `drlwb run` (same stages, same seed: seeds flow by name from the
 * spec's seed, so a trial reruns to the same metrics). The base's
 * `register:` is dropped (a sweep registers no models). Trials are ranked by
 * the run's headline metric (metrics.json `backtest.strategy`).
 *
 * Each finished trial is written atomically to `trials/trial-<index>.json`;
 * its run folder is under `runs/`. A stop signal interrupts the running trial
 * (its run.json says `interrupted`) and ends the sweep with status
 * `interrupted`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { writeJsonAtomic } from "../core/atomic-write.js";
import { UserError } from "../core/errors.js";
import { compilePlan } from "../core/compile-plan.js";
import type { Plan } from "../core/plan.js";
import { specError } from "../core/spec-error.js";
import type { SpecLocation } from "../core/spec-location.js";
import { backtestMessages } from "../messages/backtest.js";
import { createParameterSpace, type ParameterValue } from "../backtest/sweep/parameter-space.js";
import { ParquetSink } from "../backtest/sweep/parquet-sink.js";
import type { SweepRow } from "../backtest/sweep/run-sweep.js";
import {
  metricsFromRun,
  SWEEP_METRICS,
  type SweepMetric,
} from "../backtest/sweep/sweep-metrics.js";
import type { SweepPlan } from "../backtest/sweep/sweep-spec.js";
import { TopK } from "../backtest/sweep/top-k.js";
import { defaultLoader } from "../spec/default-loader.js";
import { schemaOfKind } from "../spec/kinds.js";
import { withPositions } from "../spec/place-diagnostics.js";
import type { NodeOrigin } from "../spec/position.js";
import { redactSecrets } from "../spec/secret-ref.js";
import { specHash } from "../spec/index.js";
import type { NormalizedExperiment, NormalizedSweep } from "../spec/spec-types.js";
import { sectionDefaults } from "../spec/section-defaults.js";
import type { ExperimentSpec } from "../spec/types.generated.js";
import { defaultStageFactories } from "./default-stages.js";
import { executePlan, type RunResult } from "./execute.js";
import type { RunIndexWriter } from "./run-index-writer.js";

/** The base experiment of a sweep, as loaded. */
export interface SweepBase {
  readonly file: string;
  readonly spec: NormalizedExperiment;
  readonly loc: SpecLocation;
  readonly locate: (pointer: string) => NodeOrigin | undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A copy of plain spec data (objects and arrays); anything else (numbers, secret references) is shared. */
function cloneData<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => cloneData(v)) as T;
  if (isPlainObject(value) && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, k, { value: cloneData(v), enumerable: true, writable: true });
    return out as T;
  }
  return value;
}

/** Sets the value at a dotted path that exists in `spec` (own keys only); false when it does not. */
function setAt(spec: Record<string, unknown>, path: string, value: ParameterValue): boolean {
  const keys = path.split(".");
  let node: unknown = spec;
  for (let k = 0; k < keys.length - 1; k++) {
    const key = keys[k]!;
    if (!(isPlainObject(node) || Array.isArray(node)) || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  const last = keys[keys.length - 1]!;
  if (!(isPlainObject(node) || Array.isArray(node)) || !Object.hasOwn(node, last)) return false;
  Object.defineProperty(node, last, { value, enumerable: true, writable: true });
  return true;
}

/**
 * The trial experiment: the base with `params` (dotted path → value) set,
 * measured on `segment`, without `register:`. Throws a RangeError naming a
 * path the base does not have.
 */
export function trialSpec(
  base: NormalizedExperiment,
  params: Readonly<Record<string, ParameterValue>>,
  segment: NormalizedSweep["objective"]["segment"],
): ExperimentSpec {
  const spec = cloneData(base) as ExperimentSpec & Record<string, unknown>;
  for (const [path, value] of Object.entries(params)) {
    if (!setAt(spec, path, value)) throw new RangeError(backtestMessages.sweepParameterPath(path));
  }
  const { register: _register, ...rest } = spec;
  return { ...rest, backtest: { ...(spec.backtest ?? sectionDefaults("backtest")), segment } };
}

/** Schema problems of a trial spec, as one line each (empty when it is valid). */
function schemaProblems(spec: ExperimentSpec): string[] {
  const validate = defaultLoader().schemas.validator(schemaOfKind("experiment"));
  if (validate(redactSecrets(spec))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`.trim());
}

/** The trial spec compiled to the run's plan (as `drlwb run` compiles it), after the schema. */
export function compileTrial(spec: ExperimentSpec, base: SweepBase): Plan {
  const problems = schemaProblems(spec);
  if (problems.length > 0) throw new UserError(problems.join("; "));
  return withPositions(base.locate, base.file, () =>
    compilePlan(spec, defaultStageFactories(), { file: base.file, loc: base.loc }),
  );
}

function showValue(value: ParameterValue): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** Every value an axis can take that is checked without running: its list, its grid, or a range's bounds. */
function axisValues(space: ReturnType<typeof createParameterSpace>, a: number): ParameterValue[] {
  const axis = space.axes[a]!;
  if (axis.values) return [...axis.values];
  return axis.range ? [axis.range.min, axis.range.max] : [];
}

/**
 * The trial checks of an `experiments` sweep (no data): each value of each
 * parameter, with the others at the base's values, gives an experiment that
 * passes the schema and compiles (the stages' own checks). A problem is
 * placed at the parameter in the sweep spec.
 */
export function checkExperimentTrials(
  sweep: NormalizedSweep,
  plan: SweepPlan,
  base: SweepBase,
  loc: SpecLocation,
): void {
  const space = createParameterSpace({ ...sweep, parameters: plan.parameters });
  space.axes.forEach((axis, a) => {
    for (const value of axisValues(space, a)) {
      const at = loc.at(`/parameters/${axis.name}`);
      try {
        compileTrial(trialSpec(base.spec, { [axis.name]: value }, sweep.objective.segment), base);
      } catch (error) {
        if (!(error instanceof UserError) && !(error instanceof RangeError)) throw error;
        const detail =
          error instanceof UserError && error.diagnostics.length > 0
            ? error.diagnostics.map((d) => `${d.path} ${d.message}`.trim()).join("; ")
            : error.message;
        throw specError(
          at,
          backtestMessages.sweepTrialInvalid(axis.name, showValue(value), detail),
          backtestMessages.sweepTrialInvalidHint(),
        );
      }
    }
  });
}

export interface ExperimentTrial extends SweepRow {
  readonly run: { readonly id: string; readonly dir: string; readonly status: RunResult["status"] };
}

export interface ExperimentSweepOptions {
  /** Folder for trials/, runs/ and results.parquet. */
  readonly outDir: string;
  readonly signal?: AbortSignal;
  readonly onTrialStart?: (done: number, total: number, params: string) => void;
  readonly onTrialEnd?: (trial: ExperimentTrial) => void;
  /** The runs index each trial's run is written to (runtime/run/run-index-writer.ts). */
  readonly runIndex?: RunIndexWriter;
}

export interface ExperimentSweepOutcome {
  readonly status: "complete" | "interrupted";
  /** Trials run (finished or failed). */
  readonly trials: number;
  readonly failed: number;
  /** Indices skipped by constraints. */
  readonly skipped: number;
  readonly top: readonly ExperimentTrial[];
  readonly metric: SweepMetric;
  readonly elapsedMs: number;
  readonly parquetPath?: string;
}

/** Runs every trial of an `experiments` sweep, one after another (each run uses the cores itself). */
export async function runExperimentSweep(
  sweep: NormalizedSweep,
  plan: SweepPlan,
  base: SweepBase,
  options: ExperimentSweepOptions,
): Promise<ExperimentSweepOutcome> {
  const started = performance.now();
  const space = createParameterSpace({ ...sweep, parameters: plan.parameters });
  const names = space.axes.map((a) => a.name);
  const width = 1 + names.length + SWEEP_METRICS.length;
  const column = 1 + names.length + SWEEP_METRICS.indexOf(plan.metric);
  const top = new TopK(sweep.top_k, column, sweep.objective.direction !== "minimize");
  const trialsDir = join(options.outDir, "trials");
  const runsDir = join(options.outDir, "runs");
  mkdirSync(trialsDir, { recursive: true });
  const parquetPath = join(options.outDir, "results.parquet");
  const sink = new ParquetSink(parquetPath, { axisNames: names, decode: space.decode });
  const byIndex = new Map<number, ExperimentTrial>();
  const values = new Float64Array(names.length);
  let trials = 0;
  let failed = 0;
  let skipped = 0;
  let status: ExperimentSweepOutcome["status"] = "complete";
  try {
    for (let index = 0; index < space.size; index++) {
      if (options.signal?.aborted) {
        status = "interrupted";
        break;
      }
      if (!space.trial(index, values)) {
        skipped++;
        continue;
      }
      const params: Record<string, ParameterValue> = {};
      names.forEach((name, a) => {
        params[name] = space.decode(a, values[a]!);
      });
      options.onTrialStart?.(
        trials + 1,
        space.size - skipped,
        names.map((n) => `${n}=${showValue(params[n]!)}`).join(", "),
      );
      const spec = trialSpec(base.spec, params, sweep.objective.segment);
      const result = await executePlan(compileTrial(spec, base), {
        runsDir,
        specFile: base.file,
        specHash: specHash(spec),
        resolvedSpecYaml: stringify(redactSecrets(spec)),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.runIndex ? { runIndex: options.runIndex } : {}),
      });
      if (result.status === "interrupted") {
        status = "interrupted";
        break;
      }
      trials++;
      if (result.status !== "complete") failed++;
      const row = new Float64Array(width);
      row[0] = index;
      row.set(values, 1);
      const backtest = result.metrics.backtest;
      const strategy =
        backtest !== undefined && Object.hasOwn(backtest, "strategy")
          ? backtest.strategy
          : undefined;
      metricsFromRun(
        typeof strategy === "object" && strategy !== null ? strategy : undefined,
        row,
        1 + names.length,
      );
      const trial: ExperimentTrial = {
        trial: index,
        params,
        metrics: Object.fromEntries(
          SWEEP_METRICS.map((m, k) => [m, row[1 + names.length + k]!]),
        ) as Record<SweepMetric, number>,
        run: { id: result.id, dir: result.dir, status: result.status },
      };
      writeJsonAtomic(join(trialsDir, `trial-${String(index).padStart(6, "0")}.json`), trial);
      byIndex.set(index, trial);
      top.offer(row);
      sink.write(index, row, 1);
      options.onTrialEnd?.(trial);
    }
    sink.finish();
  } catch (error) {
    sink.abort();
    throw error;
  }
  return {
    status,
    trials,
    failed,
    skipped,
    top: top.best().map((r) => byIndex.get(r[0]!)!),
    metric: plan.metric,
    elapsedMs: performance.now() - started,
    ...(trials > 0 ? { parquetPath } : {}),
  };
}
