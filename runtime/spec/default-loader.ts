import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createSpecLoader, type SpecLoader } from "./loader.js";
import { defaultSchemaDir } from "./schema-set.js";

/**
 * Compiled schemas are expensive (tens of ms) and identical for every spec,
 * so the free functions share one loader per schemas/ state. The key is the
 * folder's file names and modification times: editing a schema rebuilds it.
 * This memo is the only module-level state of the spec package.
 */
const memo = new Map<string, SpecLoader>();

export function defaultLoader(): SpecLoader {
  const dir = defaultSchemaDir();
  const key = fingerprint(dir);
  let loader = memo.get(key);
  if (!loader) {
    memo.clear();
    loader = createSpecLoader([dir]);
    memo.set(key, loader);
  }
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
