/**
 * `drlwb run --resume <run>`: continues an interrupted run in its own folder.
 * The run's spec file, seed and environment overlay come from its run.json;
 * the spec must still hash to the run's spec hash. Every stage runs again
 * (deterministically, from the same seed; data, features and regimes are
 * cheap next to training) with `ctx.resuming` set, so the agent continues from
 * the checkpoint written on interrupt and the run ends with the metrics.json
 * an uninterrupted run would have written.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { UserError } from "../core/errors.js";
import { messages } from "../messages/index.js";
import { redactSecrets } from "../spec/index.js";
import { executePlan, type RunResult } from "./execute.js";
import { effectiveStatus, type RunRecord, readRunRecord } from "./run-record.js";
import { compileSpecFile, type RunSpecOptions } from "./run-spec.js";
import { DEFAULT_RUNS_DIR, resolveRunDir } from "./runs.js";

/** An interrupted run folder and its record. */
export interface ResumeTarget {
  readonly dir: string;
  readonly record: RunRecord;
  /** The `kind` of the spec it ran (`agent` for `drlwb train` runs). */
  readonly kind: string;
}

/**
 * Finds the run by folder, id or id prefix and checks it can be resumed: it
 * is `interrupted` (or `running` with its process gone), and its spec file
 * still exists. Throws a UserError otherwise.
 */
export function findResumableRun(ref: string, runsDir = DEFAULT_RUNS_DIR): ResumeTarget {
  const dir = resolveRunDir(ref, runsDir);
  const record = readRunRecord(dir);
  if (!record) throw new UserError(messages.run.runNotFound(ref, runsDir));
  const status = effectiveStatus(record);
  if (status !== "interrupted") {
    throw new UserError(messages.run.resumeNotInterrupted(record.id, status));
  }
  if (!existsSync(record.specFile)) {
    throw new UserError(messages.run.resumeSpecMissing(record.id, record.specFile));
  }
  return { dir, record, kind: resolvedKind(dir) };
}

function resolvedKind(dir: string): string {
  const file = join(dir, "spec.resolved.yaml");
  if (!existsSync(file)) return "experiment";
  const spec: unknown = parse(readFileSync(file, "utf8"));
  if (spec && typeof spec === "object" && "kind" in spec && typeof spec.kind === "string") {
    return spec.kind;
  }
  return "experiment";
}

/** Refuses to continue a run whose spec file no longer hashes the same. */
export function checkSameSpec(target: ResumeTarget, specHash: string): void {
  if (specHash !== target.record.specHash) {
    throw new UserError(messages.run.resumeSpecChanged(target.record.id, target.record.specFile));
  }
}

export type ResumeRunOptions = Omit<RunSpecOptions, "env" | "seed" | "resume" | "runsDir">;

/** Continues an interrupted experiment run (see the module comment). */
export async function resumeRun(
  target: ResumeTarget,
  options: ResumeRunOptions = {},
): Promise<RunResult> {
  const { record } = target;
  const compiled = compileSpecFile(record.specFile, {
    ...options,
    ...(record.env ? { env: record.env } : {}),
    seed: record.seed,
  });
  checkSameSpec(target, compiled.specHash);
  return executePlan(compiled.plan, {
    ...options,
    specFile: record.specFile,
    specHash: compiled.specHash,
    resolvedSpecYaml: stringify(redactSecrets(compiled.spec)),
    provenance: compiled.provenance,
    ...(record.env ? { env: record.env } : {}),
    resume: { dir: target.dir, record },
  });
}
