import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeJsonAtomic } from "../core/atomic-write.js";
import { readJsonStateFile, StateFileError } from "../core/state-file.js";
import type { StageKind } from "../core/stage.js";
import type { CodeVersion } from "./code-version.js";
import { namingRunFile } from "./run-file-error.js";
import { isRunRecord, runRecordProblem } from "./run-record-shape.js";

/** The life of a run. Only `complete` runs have a trustworthy metrics.json. */
export type RunStatus = "running" | "complete" | "failed" | "interrupted";

export interface StageRecord {
  readonly kind: StageKind;
  readonly type: string;
  status: "pending" | "running" | "complete" | "failed" | "skipped" | "interrupted";
  durationMs?: number;
}

/** `run.json`: identity, provenance and status of a run; rewritten atomically at each transition. */
export interface RunRecord {
  readonly id: string;
  readonly name: string;
  readonly specFile: string;
  readonly specHash: string;
  readonly seed: number;
  readonly env?: string;
  readonly code: CodeVersion;
  readonly startedAt: string;
  /** Process id while running, so a crashed run can be told from a live one. */
  readonly pid: number;
  status: RunStatus;
  finishedAt?: string;
  dataHash?: string;
  error?: string;
  stages: StageRecord[];
  /** Each `drlwb run --resume` of this run: when, by which process, from which interrupted stage. */
  resumes?: RunResume[];
}

/** One continuation of an interrupted run in its own folder. */
export interface RunResume {
  readonly at: string;
  readonly pid: number;
  /** The stage that was running when the run was interrupted (absent: between stages). */
  readonly fromStage?: StageKind;
  readonly code: CodeVersion;
}

export const RUN_RECORD_FILE = "run.json";

/** Rewrites run.json atomically; an I/O error (ENOSPC, EACCES…) names the file. */
export function writeRunRecord(runDir: string, record: RunRecord): void {
  namingRunFile(RUN_RECORD_FILE, undefined, () =>
    writeJsonAtomic(join(runDir, RUN_RECORD_FILE), record),
  );
}

/** What reading a run folder's run.json gave: the record, or why it is corrupt. */
export type RunRecordReading =
  | { readonly ok: true; readonly record: RunRecord }
  | { readonly ok: false; readonly file: typeof RUN_RECORD_FILE; readonly reason: string };

/**
 * Reads run.json without throwing on a corrupt file (unreadable, not JSON,
 * or missing the fields readers rely on); undefined when the folder has none
 * (it is not a run).
 */
export function inspectRunRecord(runDir: string): RunRecordReading | undefined {
  const file = join(runDir, RUN_RECORD_FILE);
  if (!existsSync(file)) return undefined;
  let value: unknown;
  try {
    value = readJsonStateFile(file);
  } catch (error) {
    if (error instanceof StateFileError)
      return { ok: false, file: RUN_RECORD_FILE, reason: error.reason };
    throw error;
  }
  if (isRunRecord(value)) return { ok: true, record: value };
  return { ok: false, file: RUN_RECORD_FILE, reason: runRecordProblem(value) ?? "" };
}

/** The run's record; a corrupt run.json throws a StateFileError naming the file and the problem. */
export function readRunRecord(runDir: string): RunRecord | undefined {
  const reading = inspectRunRecord(runDir);
  if (reading === undefined || reading.ok) return reading?.record;
  throw new StateFileError(join(runDir, RUN_RECORD_FILE), reading.reason);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The status as a reader should see it: a run still marked `running` whose
 * process is gone was killed and is reported as `interrupted`.
 */
export function effectiveStatus(record: RunRecord): RunStatus {
  if (record.status === "running" && record.pid !== process.pid && !processAlive(record.pid)) {
    return "interrupted";
  }
  return record.status;
}
