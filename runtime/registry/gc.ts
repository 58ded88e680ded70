import { lstatSync, readdirSync, rmdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { artifactPath } from "./artifacts.js";
import type { RegistryData } from "./types.js";

/** Leftovers younger than this are never collected: a registration may be writing them right now. */
export const DEFAULT_GC_MIN_AGE_MS = 60 * 60 * 1000;

export interface GarbageOptions {
  /** Only collect leftovers whose newest file is at least this old (ms; default 1 hour). */
  readonly minAgeMs?: number;
  /** Report what would be removed without removing it. */
  readonly dryRun?: boolean;
  /** The current time (ms since the epoch), for tests. */
  readonly now?: number;
}

export interface RemovedItem {
  readonly kind: "artifact" | "temporary";
  /** Relative to the registry folder, with forward slashes. */
  readonly path: string;
  readonly bytes: number;
}

export interface GarbageReport {
  readonly removed: readonly RemovedItem[];
  readonly bytes: number;
  readonly dryRun: boolean;
}

const HASH = /^[0-9a-f]{64}$/;
const TEMPORARY = /\.tmp$/;

/** Total size and newest modification time of a file or folder tree (symbolic links not followed). */
function measure(path: string): { bytes: number; newest: number } {
  const st = lstatSync(path);
  let bytes = st.isFile() ? st.size : 0;
  let newest = st.mtimeMs;
  if (st.isDirectory()) {
    for (const name of readdirSync(path)) {
      const inner = measure(join(path, name));
      bytes += inner.bytes;
      newest = Math.max(newest, inner.newest);
    }
  }
  return { bytes, newest };
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Every collectable item: stale `.tmp` leftovers of atomic writes and artifact copies, and unreferenced artifacts. */
function candidates(
  root: string,
  referenced: ReadonlySet<string>,
): { kind: RemovedItem["kind"]; rel: string }[] {
  const out: { kind: RemovedItem["kind"]; rel: string }[] = [];
  for (const name of entries(root))
    if (TEMPORARY.test(name)) out.push({ kind: "temporary", rel: name });
  for (const prefix of entries(join(root, "artifacts"))) {
    for (const name of entries(join(root, "artifacts", prefix))) {
      const rel = `artifacts/${prefix}/${name}`;
      if (TEMPORARY.test(name)) out.push({ kind: "temporary", rel });
      else if (HASH.test(name) && name.startsWith(prefix) && !referenced.has(name))
        out.push({ kind: "artifact", rel });
    }
  }
  return out;
}

/** The artifact hashes some version of `data` references. */
export function referencedArtifacts(data: RegistryData): Set<string> {
  return new Set(Object.values(data.models).flatMap((m) => m.versions.map((v) => v.artifact)));
}

/**
 * Removes artifacts no version references and stale temporary files and
 * folders (`*.tmp`) from the registry at `root`. Call it with the registry's
 * lock held and `referenced` freshly read under that lock (or, for a database
 * registry, just read: the age rule protects registrations in flight). Anything modified within
 * `minAgeMs` is kept, so an artifact stored by a registration that has not yet
 * recorded its version, or a copy still in progress, is never touched.
 */
export function collectGarbage(
  root: string,
  referenced: ReadonlySet<string>,
  options: GarbageOptions = {},
): GarbageReport {
  const minAge = options.minAgeMs ?? DEFAULT_GC_MIN_AGE_MS;
  const now = options.now ?? Date.now();
  const dryRun = options.dryRun ?? false;
  const removed: RemovedItem[] = [];
  for (const { kind, rel } of candidates(root, referenced)) {
    const path = join(root, rel);
    let size: { bytes: number; newest: number };
    try {
      size = measure(path);
    } catch {
      continue; // removed meanwhile
    }
    if (now - size.newest < minAge) continue;
    if (!dryRun) rmSync(path, { recursive: true, force: true });
    removed.push({ kind, path: rel, bytes: size.bytes });
  }
  if (!dryRun) removeEmptyPrefixes(root, now - minAge);
  return { removed, bytes: removed.reduce((sum, r) => sum + r.bytes, 0), dryRun };
}

/**
 * Removes the artifacts of `hashes` that no version references any more
 * (after a deletion); returns how many were removed. Lock held by the caller.
 */
export function removeUnreferenced(
  root: string,
  referenced: ReadonlySet<string>,
  hashes: readonly string[],
): number {
  let freed = 0;
  for (const hash of new Set(hashes)) {
    if (referenced.has(hash)) continue;
    rmSync(artifactPath(root, hash), { recursive: true, force: true });
    freed++;
  }
  return freed;
}

/** Empty `artifacts/<xx>` folders last changed before `before` (a newer one may be about to receive a copy). */
function removeEmptyPrefixes(root: string, before: number): void {
  for (const prefix of entries(join(root, "artifacts"))) {
    const dir = join(root, "artifacts", prefix);
    if (entries(dir).length === 0) {
      try {
        if (lstatSync(dir).mtimeMs < before) rmdirSync(dir);
      } catch {
        /* not empty any more, or not a folder */
      }
    }
  }
}
