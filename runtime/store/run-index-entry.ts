import { existsSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Insertable } from "kysely";
import { parse } from "yaml";
import { readJsonStateFile, StateFileError } from "../core/state-file.js";
import { describeIoError } from "../core/io-error.js";
import { storeMessages } from "../messages/store.js";
import type { CodeVersion } from "../run/code-version.js";
import { effectiveStatus, type RunRecord } from "../run/run-record.js";
import type { RunFileProblem } from "../run/runs.js";
import { flattenMetrics, flattenParams, type ParamRow } from "./run-index-values.js";
import type { RunsTable } from "./tables.js";

/** Everything the runs index holds about one run, read from its folder. */
export interface RunIndexEntry {
  readonly run: Insertable<RunsTable>;
  readonly description: string | null;
  readonly params: readonly ParamRow[];
  readonly metrics: ReadonlyMap<string, number>;
  /** Spec `tags` (each a key with an empty value). */
  readonly tags: readonly string[];
  /** Files of the folder that could not be read (the rest is still indexed). */
  readonly problems: readonly RunFileProblem[];
}

const SPEC_FILE = "spec.resolved.yaml";
const METRICS_FILE = "metrics.json";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `0.1.0+114b14a7a4c1.dirty`: the package version and the git commit it ran from. */
export function codeVersionText(code: CodeVersion): string {
  const commit = code.commit ? `+${code.commit.slice(0, 12)}` : "";
  return `${code.version}${commit}${code.dirty ? ".dirty" : ""}`;
}

/** The run folder relative to the runs folder the index is kept for (`/`-separated). */
export function runDirOf(runsRoot: string, dir: string): string {
  return relative(runsRoot, dir).split(sep).join("/");
}

/** When the run's status last changed: its end, else its last resume, else its start. */
function lastChange(record: RunRecord): string {
  if (record.finishedAt) return record.finishedAt;
  const resumes = record.resumes ?? [];
  return resumes[resumes.length - 1]?.at ?? record.startedAt;
}

function readSpec(dir: string, problems: RunFileProblem[]): Record<string, unknown> | undefined {
  const file = join(dir, SPEC_FILE);
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    problems.push({ file: SPEC_FILE, reason: describeIoError(error) });
    return undefined;
  }
  try {
    const spec: unknown = parse(text);
    if (isPlainObject(spec)) return spec;
  } catch {
    // The parser's message may quote the file: reported without it.
  }
  problems.push({ file: SPEC_FILE, reason: storeMessages.specUnreadable() });
  return undefined;
}

function readMetrics(dir: string, problems: RunFileProblem[]): unknown {
  const file = join(dir, METRICS_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return readJsonStateFile(file, METRICS_FILE);
  } catch (error) {
    if (!(error instanceof StateFileError)) throw error;
    problems.push({ file: METRICS_FILE, reason: error.reason });
    return undefined;
  }
}

/** The spec's kind as the index names it: `train` for a `drlwb train` (kind: agent) run. */
function runKind(spec: Record<string, unknown> | undefined): string {
  const kind = spec?.kind;
  if (kind === "agent") return "train";
  return typeof kind === "string" ? kind : "experiment";
}

function backtestSegment(spec: Record<string, unknown> | undefined): string | undefined {
  const backtest = spec?.backtest;
  if (!isPlainObject(backtest)) return undefined;
  return typeof backtest.segment === "string" ? backtest.segment : undefined;
}

/**
 * A run folder as index rows: run.json's identity and status (a `running`
 * run whose process is gone is `interrupted`), the resolved spec's params
 * and tags, and — once the run is complete — metrics.json's numbers.
 * `runsRoot` is the runs folder the index is kept for (`run_dir` is relative to it).
 */
export function runIndexEntry(runsRoot: string, dir: string, record: RunRecord): RunIndexEntry {
  const problems: RunFileProblem[] = [];
  const spec = readSpec(dir, problems);
  const status = effectiveStatus(record);
  const metrics = status === "complete" ? readMetrics(dir, problems) : undefined;
  const tags = Array.isArray(spec?.tags)
    ? spec.tags.filter((t): t is string => typeof t === "string")
    : [];
  return {
    run: {
      id: record.id,
      experiment: record.name,
      kind: runKind(spec),
      status,
      spec_hash: record.specHash,
      data_hash: record.dataHash ?? null,
      code_version: codeVersionText(record.code),
      seed: record.seed,
      started_at: record.startedAt,
      ended_at: record.finishedAt ?? null,
      run_dir: runDirOf(runsRoot, dir),
      updated_at: lastChange(record),
    },
    description: typeof spec?.description === "string" ? spec.description : null,
    params: spec === undefined ? [] : flattenParams(spec),
    metrics: flattenMetrics(metrics, backtestSegment(spec)),
    tags: [...new Set(tags)],
    problems,
  };
}
