import { isAbsolute, join, relative, resolve } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../core/atomic-write.js";
import type { ArtifactWriter } from "../plan/stage.js";

/**
 * Writes files inside one folder of a run, atomically. A path starting with
 * "/" is relative to the run root; anything else to `dir`. Paths that would
 * escape the run folder are refused.
 */
export function createArtifactWriter(runRoot: string, dir: string): ArtifactWriter {
  const target = (relativePath: string): string => {
    const base = relativePath.startsWith("/") ? runRoot : dir;
    const full = resolve(base, relativePath.replace(/^\/+/, ""));
    const rel = relative(runRoot, full);
    if (rel.startsWith("..") || isAbsolute(rel)) {
      throw new Error(`artifact path escapes the run folder: ${relativePath}`);
    }
    return full;
  };
  return {
    dir,
    path: target,
    writeText(relativePath, text) {
      const path = target(relativePath);
      writeFileAtomic(path, text);
      return path;
    },
    writeJson(relativePath, value) {
      const path = target(relativePath);
      writeJsonAtomic(path, value);
      return path;
    },
    writeBytes(relativePath, bytes) {
      const path = target(relativePath);
      writeFileAtomic(path, bytes);
      return path;
    },
  };
}

export function stageDir(runRoot: string, kind: string): string {
  return join(runRoot, "stages", kind);
}
