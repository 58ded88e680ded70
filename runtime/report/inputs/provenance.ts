import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
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

/**
 * Provenance from a run folder: run.json (id, seed, hashes, code version),
 * spec.resolved.yaml and spec.provenance.json (JSON pointer → user|default).
 */
export function provenanceFromRunFolder(runDir: string): ProvenanceSection {
  const runText = readIf(join(runDir, "run.json"));
  const run = runText ? (JSON.parse(runText) as RunJson) : {};
  const specYaml = readIf(join(runDir, "spec.resolved.yaml"));
  const originsText = readIf(join(runDir, "spec.provenance.json"));
  const origins: SpecValueOrigin[] = originsText
    ? Object.entries(JSON.parse(originsText) as Record<string, string>)
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
