import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../core/atomic-write.js";
import type { ArtifactWriter } from "../core/stage.js";
import { namingRunFile } from "./run-file-error.js";

/**
 * Writes files inside one folder of a run, atomically. A path starting with
 * "/" is relative to the run root; anything else to `dir`. Paths that would
 * escape the run folder are refused. An I/O error (a full disk, permissions)
 * is a RunFileWriteError naming the file relative to the run folder and the
 * stage (by default the `<kind>` of a `stages/<kind>` folder).
 */
export function createArtifactWriter(
  runRoot: string,
  dir: string,
  stage: string | undefined = stageOf(runRoot, dir),
): ArtifactWriter {
  const target = (relativePath: string): string => {
    const base = relativePath.startsWith("/") ? runRoot : dir;
    const full = resolve(base, relativePath.replace(/^\/+/, ""));
    const rel = relative(runRoot, full);
    if (rel.startsWith("..") || isAbsolute(rel)) {
      throw new Error(`artifact path escapes the run folder: ${relativePath}`);
    }
    return full;
  };
  const write = (relativePath: string, doWrite: (path: string) => void): string => {
    const path = target(relativePath);
    const shown = relative(runRoot, path).split(sep).join("/");
    namingRunFile(shown, stage, () => doWrite(path));
    return path;
  };
  return {
    dir,
    path: target,
    writeText: (relativePath, text) => write(relativePath, (path) => writeFileAtomic(path, text)),
    writeJson: (relativePath, value) => write(relativePath, (path) => writeJsonAtomic(path, value)),
    writeBytes: (relativePath, bytes) =>
      write(relativePath, (path) => writeFileAtomic(path, bytes)),
  };
}

export function stageDir(runRoot: string, kind: string): string {
  return join(runRoot, "stages", kind);
}

/** "backtest" for `<run>/stages/backtest`; undefined for other folders. */
function stageOf(runRoot: string, dir: string): string | undefined {
  const parts = relative(runRoot, dir).split(sep);
  return parts.length === 2 && parts[0] === "stages" ? parts[1] : undefined;
}
