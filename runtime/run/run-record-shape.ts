import { stateFilesMessages } from "../messages/state-files.js";
import type { RunRecord } from "./run-record.js";

const STATUSES = new Set(["running", "complete", "failed", "interrupted"]);

type Check = readonly [key: string, expected: string, ok: (v: unknown) => boolean];

const isString = (v: unknown): boolean => typeof v === "string";
const CHECKS: readonly Check[] = [
  ["id", "a string", isString],
  ["name", "a string", isString],
  ["specFile", "a string", isString],
  ["specHash", "a string", isString],
  ["startedAt", "a string", isString],
  ["seed", "a finite number", (v) => typeof v === "number" && Number.isFinite(v)],
  ["pid", "an integer", (v) => Number.isInteger(v)],
  ["status", "one of running, complete, failed, interrupted", (v) => STATUSES.has(String(v))],
  ["code", "an object", (v) => v !== null && typeof v === "object" && !Array.isArray(v)],
  ["stages", "a list", (v) => Array.isArray(v)],
];

/**
 * What is wrong with a parsed run.json, or undefined when it has the fields
 * every reader relies on. Names the key, never its value.
 */
export function runRecordProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return stateFilesMessages.notARunRecord("/", "an object");
  for (const [key, expected, ok] of CHECKS) {
    if (!Object.hasOwn(value, key) || !ok((value as Record<string, unknown>)[key]))
      return stateFilesMessages.notARunRecord(key, expected);
  }
  return undefined;
}

export function isRunRecord(value: unknown): value is RunRecord {
  return runRecordProblem(value) === undefined;
}
