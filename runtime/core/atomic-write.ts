import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";

export interface AtomicWriteOptions {
  /**
   * Permission bits of the new file (e.g. `0o600` for secrets). The temporary
   * file is created with them, so the content is never readable with wider
   * permissions, not even for an instant; the process umask still applies.
   */
  readonly mode?: number;
}

/**
 * Writes a file so that readers see either the old content or the new one,
 * never a half-written file: write a temporary sibling, fsync, rename.
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${randomBytes(6).toString("hex")}.tmp`);
  // "wx": a fresh file, never an existing one or the target of a planted symbolic link.
  const fd = openSync(tmp, "wx", options.mode ?? 0o666);
  try {
    try {
      writeAll(fd, typeof data === "string" ? Buffer.from(data, "utf8") : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** writeSync may write less than asked (a disk filling up); loop until done or an error. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) throw Object.assign(new Error("write made no progress"), { code: "EIO" });
    offset += written;
  }
}

export function writeJsonAtomic(
  path: string,
  value: unknown,
  options: AtomicWriteOptions = {},
): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}
