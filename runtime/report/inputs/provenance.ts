import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readJsonStateFile, StateFileError } from "../../core/state-file.js";
import { stateFilesMessages } from "../../messages/state-files.js";
import type { ProvenanceSection, SpecValueOrigin } from "../tear-sheet-input.js";

/** The fields of run.json the report shows (see runtime/run/run-record.ts). */
interface RunJson {
  readonly id?: string;
  readonly specFile?: string;
  readonly specHash?: string;
  readonly seed?: number;
  readonly dataHash?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly code?: {
    readonly package?: string;
    readonly version?: string;
    readonly commit?: string;
    readonly dirty?: boolean;
    readonly node?: string;
  };
}

function readIf(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/** A JSON file of the run folder, if present; a corrupt one is an error naming it (relative to the run). */
function readJsonIf(runDir: string, name: string): object | undefined {
  const file = join(runDir, name);
  if (!existsSync(file)) return undefined;
  const value = readJsonStateFile(file, name);
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new StateFileError(name, stateFilesMessages.notAnObject());
  return value;
}

/**
 * Provenance from a run folder: run.json (id, seed, hashes, code version),
 * spec.resolved.yaml and spec.provenance.json (JSON pointer → user|default).
 */
export function provenanceFromRunFolder(runDir: string): ProvenanceSection {
  const run = (readJsonIf(runDir, "run.json") ?? {}) as RunJson;
  const specYaml = readIf(join(runDir, "spec.resolved.yaml"));
  const originsJson = readJsonIf(runDir, "spec.provenance.json");
  const origins: SpecValueOrigin[] = originsJson
    ? Object.entries(originsJson as Record<string, string>)
        .map(([path, origin]) => ({ path, origin }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    : [];
  const code = run.code ?? {};
  const versions: Record<string, string> = {};
  if (code.package && code.version) versions[code.package] = code.version;
  if (code.commit) versions.commit = `${code.commit.slice(0, 12)}${code.dirty ? " (dirty)" : ""}`;
  if (code.node) versions.node = code.node;
  return {
    ...(run.id ? { runId: run.id } : {}),
    ...(run.specFile ? { specFile: run.specFile } : {}),
    ...(run.specHash ? { specHash: run.specHash } : {}),
    ...(run.dataHash ? { dataHash: run.dataHash } : {}),
    ...(run.seed !== undefined ? { seed: run.seed } : {}),
    ...(run.startedAt ? { startedAt: run.startedAt } : {}),
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    ...(Object.keys(versions).length ? { versions } : {}),
    ...(specYaml ? { specYaml } : {}),
    ...(origins.length ? { origins } : {}),
  };
}
