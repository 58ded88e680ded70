import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createSpecLoader, type SpecLoader } from "./loader.js";
import { defaultSchemaDir } from "./schema-set.js";

/**
 * Compiled schemas are expensive (tens of ms) and identical for every spec,
 * so the free functions share one loader per schemas/ state. The key is the
 * folder's file names and modification times: editing a schema rebuilds it.
 * The folder is looked at again at most every `RECHECK_MS` (one compile asks
 * for the loader several times: the spec, then section defaults and
 * normalized values in the stage factories). This memo is the only
 * module-level state of the spec package besides caches of what a loaded
 * schema set implies (WeakMaps keyed by the set or its schema objects, which
 * never change once loaded: section defaults, union branch names).
 */
const RECHECK_MS = 1000;
const memo: { key: string; loader: SpecLoader; checkedAt: number }[] = [];

export function defaultLoader(): SpecLoader {
  const now = performance.now();
  const current = memo[0];
  if (current && now - current.checkedAt < RECHECK_MS) return current.loader;
  const key = fingerprint(defaultSchemaDir());
  if (current?.key === key) {
    current.checkedAt = now;
    return current.loader;
  }
  const loader = createSpecLoader([defaultSchemaDir()]);
  memo.splice(0, memo.length, { key, loader, checkedAt: now });
  return loader;
}

function fingerprint(dir: string): string {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".schema.json"))
      .sort()
      .map((f) => `${f}:${statSync(join(dir, f)).mtimeMs}`)
      .join("|");
  } catch {
    return "";
  }
}
