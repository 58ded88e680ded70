import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeJsonAtomic } from "../core/atomic-write.js";
import type { StageKind } from "../plan/stage.js";
import type { CodeVersion } from "./code-version.js";

/** The life of a run. Only `complete` runs have a trustworthy metrics.json. */
export type RunStatus = "running" | "complete" | "failed" | "interrupted";

export interface StageRecord {
  readonly kind: StageKind;
  readonly type: string;
  status: "pending" | "running" | "complete" | "failed" | "skipped";
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
}

export const RUN_RECORD_FILE = "run.json";

export function writeRunRecord(runDir: string, record: RunRecord): void {
  writeJsonAtomic(join(runDir, RUN_RECORD_FILE), record);
}

export function readRunRecord(runDir: string): RunRecord | undefined {
  const file = join(runDir, RUN_RECORD_FILE);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as RunRecord;
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
