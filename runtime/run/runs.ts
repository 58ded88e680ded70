import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { UserError } from "../core/errors.js";
import { messages } from "../messages/index.js";
import { effectiveStatus, type RunRecord, type RunStatus, readRunRecord } from "./run-record.js";

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

export interface RunDetails extends RunSummary {
  readonly record: RunRecord;
  readonly metrics?: Record<string, unknown>;
  readonly files: string[];
}

export const DEFAULT_RUNS_DIR = "runs";

/** All runs under `runsDir`, newest first. Folders without run.json are not runs. */
export function listRuns(runsDir = DEFAULT_RUNS_DIR): RunSummary[] {
  const root = resolve(runsDir);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .flatMap((entry) => {
      const dir = join(root, entry.name);
      const record = readRunRecord(dir);
      return record ? [summarize(record, dir)] : [];
    })
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
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

/** Finds a run by folder path, full id or unique id prefix. */
export function resolveRunDir(idOrDir: string, runsDir = DEFAULT_RUNS_DIR): string {
  if (existsSync(join(idOrDir, "run.json"))) return resolve(idOrDir);
  const matches = listRuns(runsDir).filter(
    (run) => run.id === idOrDir || run.id.startsWith(idOrDir),
  );
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

export function showRun(idOrDir: string, runsDir = DEFAULT_RUNS_DIR): RunDetails {
  const dir = resolveRunDir(idOrDir, runsDir);
  const record = readRunRecord(dir);
  if (!record) throw new UserError(messages.run.runNotFound(idOrDir, runsDir));
  const metricsFile = join(dir, "metrics.json");
  const metrics = existsSync(metricsFile)
    ? (JSON.parse(readFileSync(metricsFile, "utf8")) as Record<string, unknown>)
    : undefined;
  return {
    ...summarize(record, dir),
    record,
    ...(metrics ? { metrics } : {}),
    files: listFiles(dir),
  };
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
