import { createHash, randomBytes } from "node:crypto";
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from "node:fs";
import { join, relative } from "node:path";

/** Every file below `dir`, as sorted relative paths with forward slashes. */
export function listFilesRecursive(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split("\\").join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Content hash of a folder: sha256 over the sorted list of (relative path,
 * sha256 of the file). Same files → same hash, wherever the folder is.
 */
export function hashDirectory(dir: string): string {
  const manifest = listFilesRecursive(dir)
    .map(
      (file) =>
        `${file}\0${createHash("sha256")
          .update(readFileSync(join(dir, file)))
          .digest("hex")}`,
    )
    .join("\n");
  return createHash("sha256").update(manifest).digest("hex");
}

export function artifactPath(root: string, hash: string): string {
  return join(root, "artifacts", hash.slice(0, 2), hash);
}

/**
 * Copies `sourceDir` into the content-addressed store and returns its hash.
 * Stored artifacts are immutable: a copy lands in a temporary sibling and is
 * renamed into place; when the same content is already stored nothing is written.
 */
export function storeArtifact(root: string, sourceDir: string): { hash: string; bytes: number } {
  if (!existsSync(sourceDir) || !statSync(sourceDir).isDirectory()) {
    throw new Error(`artifact source is not a folder: ${sourceDir}`);
  }
  const hash = hashDirectory(sourceDir);
  const target = artifactPath(root, hash);
  const bytes = listFilesRecursive(sourceDir).reduce(
    (sum, f) => sum + statSync(join(sourceDir, f)).size,
    0,
  );
  if (existsSync(target)) {
    // Freshly used again: garbage collection keeps recently touched artifacts, so
    // the version about to reference it cannot lose it to a concurrent `gc`.
    touch(target);
    return { hash, bytes };
  }
  const tmp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  cpSync(sourceDir, tmp, { recursive: true });
  try {
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    // Another process stored the same content first: that is the same artifact.
    if (!existsSync(target)) throw error;
  }
  return { hash, bytes };
}

function touch(path: string): void {
  const now = new Date();
  try {
    utimesSync(path, now, now);
  } catch {
    /* removed meanwhile: the rename below in a retry stores it again */
  }
}

export function removeArtifact(root: string, hash: string): void {
  rmSync(artifactPath(root, hash), { recursive: true, force: true });
}

/** Hashes of every artifact folder in the store. */
export function storedArtifacts(root: string): string[] {
  const base = join(root, "artifacts");
  if (!existsSync(base)) return [];
  return readdirSync(base).flatMap((prefix) =>
    readdirSync(join(base, prefix)).filter((name) => !name.endsWith(".tmp")),
  );
}
