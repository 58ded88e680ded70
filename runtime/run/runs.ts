import { existsSync, readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { UserError } from "../core/errors.js";
import { readJsonStateFile, StateFileError } from "../core/state-file.js";
import { messages } from "../messages/index.js";
import {
  effectiveStatus,
  inspectRunRecord,
  RUN_RECORD_FILE,
  type RunRecord,
  type RunStatus,
} from "./run-record.js";

/** A state file of a run folder that cannot be used, and why (file relative to the run folder). */
export interface RunFileProblem {
  readonly file: string;
  readonly reason: string;
}

export interface RunSummary {
  readonly id: string;
  readonly name: string;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly seed: number;
  readonly dataHash?: string;
  readonly dir: string;
}

/**
 * A run folder whose run.json cannot be read: listed under its folder name
 * with the problem, so one damaged folder never hides the other runs.
 */
export interface CorruptRunSummary {
  readonly id: string;
  readonly status: "corrupt";
  readonly problems: readonly RunFileProblem[];
  readonly dir: string;
}

export type RunListing = RunSummary | CorruptRunSummary;

export interface RunDetails extends RunSummary {
  readonly record: RunRecord;
  readonly metrics?: Record<string, unknown>;
  /** State files that could not be read (e.g. a truncated metrics.json). */
  readonly problems?: readonly RunFileProblem[];
  readonly files: string[];
}

export interface CorruptRunDetails extends CorruptRunSummary {
  /** Absent: a corrupt run has no readable record or metrics (declared so either shape can be read). */
  readonly record?: never;
  readonly metrics?: never;
  readonly files: string[];
}

export const DEFAULT_RUNS_DIR = "runs";

export function isCorrupt(run: RunListing): run is CorruptRunSummary {
  return run.status === "corrupt";
}

/**
 * All runs under `runsDir`, newest first, then the corrupt ones by folder
 * name. Folders without run.json are not runs.
 */
export function listRuns(runsDir = DEFAULT_RUNS_DIR): RunListing[] {
  const root = resolve(runsDir);
  if (!existsSync(root)) return [];
  const runs: RunSummary[] = [];
  const corrupt: CorruptRunSummary[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const listed = listRun(join(root, entry.name), entry.name);
    if (listed === undefined) continue;
    if (isCorrupt(listed)) corrupt.push(listed);
    else runs.push(listed);
  }
  runs.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
  corrupt.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return [...runs, ...corrupt];
}

function listRun(dir: string, folder: string): RunListing | undefined {
  const reading = inspectRunRecord(dir);
  if (reading === undefined) return undefined;
  return reading.ok ? summarize(reading.record, dir) : corruptSummary(dir, folder, reading);
}

function corruptSummary(dir: string, folder: string, problem: RunFileProblem): CorruptRunSummary {
  return {
    id: folder,
    status: "corrupt",
    problems: [{ file: problem.file, reason: problem.reason }],
    dir,
  };
}

function summarize(record: RunRecord, dir: string): RunSummary {
  return {
    id: record.id,
    name: record.name,
    status: effectiveStatus(record),
    startedAt: record.startedAt,
    ...(record.finishedAt ? { finishedAt: record.finishedAt } : {}),
    seed: record.seed,
    ...(record.dataHash ? { dataHash: record.dataHash } : {}),
    dir,
  };
}

/** Finds a run by folder path, full id or unique id prefix (a corrupt run by its folder name). */
export function resolveRunDir(idOrDir: string, runsDir = DEFAULT_RUNS_DIR): string {
  if (existsSync(join(idOrDir, RUN_RECORD_FILE))) return resolve(idOrDir);
  const matches = listRuns(runsDir).filter(
    (run) => run.id === idOrDir || run.id.startsWith(idOrDir),
  );
  const exact = matches.filter((run) => run.id === idOrDir);
  if (exact.length === 1) return exact[0]!.dir;
  if (matches.length === 1) return matches[0]!.dir;
  throw new UserError(
    matches.length === 0
      ? messages.run.runNotFound(idOrDir, runsDir)
      : messages.run.runAmbiguous(
          idOrDir,
          matches.map((m) => m.id),
        ),
  );
}

/**
 * One run: record, metrics and files. A corrupt run.json gives the folder's
 * files and the problem instead of throwing; a corrupt metrics.json is listed
 * in `problems` next to the (valid) record.
 */
export function showRun(
  idOrDir: string,
  runsDir = DEFAULT_RUNS_DIR,
): RunDetails | CorruptRunDetails {
  const dir = resolveRunDir(idOrDir, runsDir);
  const reading = inspectRunRecord(dir);
  if (reading === undefined) throw new UserError(messages.run.runNotFound(idOrDir, runsDir));
  if (!reading.ok) return { ...corruptSummary(dir, basename(dir), reading), files: listFiles(dir) };
  const metrics = readMetrics(dir);
  return {
    ...summarize(reading.record, dir),
    record: reading.record,
    ...(metrics.value ? { metrics: metrics.value } : {}),
    ...(metrics.problem ? { problems: [metrics.problem] } : {}),
    files: listFiles(dir),
  };
}

const METRICS_FILE = "metrics.json";

function readMetrics(dir: string): {
  value?: Record<string, unknown>;
  problem?: RunFileProblem;
} {
  const file = join(dir, METRICS_FILE);
  if (!existsSync(file)) return {};
  try {
    const value = readJsonStateFile(file);
    if (value !== null && typeof value === "object" && !Array.isArray(value))
      return { value: value as Record<string, unknown> };
    return {
      problem: {
        file: METRICS_FILE,
        reason: messages.stateFiles.notAnObject(),
      },
    };
  } catch (error) {
    if (error instanceof StateFileError)
      return { problem: { file: METRICS_FILE, reason: error.reason } };
    throw error;
  }
}

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith("."))
    .flatMap((entry) =>
      entry.isDirectory()
        ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`],
    )
    .sort();
}
