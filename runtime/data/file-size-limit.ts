import { type Stats, statSync } from "node:fs";
import { specError } from "../core/spec-error.js";
import type { SpecLocation } from "../core/spec-location.js";
import { dataMessages } from "../messages/data.js";

/**
 * The most bytes a data file may have: the spec's `data.max_file_bytes`
 * (its default lives in schemas/data.schema.json), capped by the caller's
 * limit (the server sets one from its configuration). Checked with stat
 * before anything is read, so an oversized file is refused in
 * milliseconds instead of exhausting memory.
 */
export function dataFileByteLimit(specLimit: number, callerLimit: number | undefined): number {
  return callerLimit === undefined ? specLimit : Math.min(specLimit, callerLimit);
}

/**
 * Refuses a data file that is missing, not a regular file (a FIFO or device
 * would block or never end) or larger than `limit`. `file` is the name the
 * user gave, used in messages; `path` is where it is on disk; `loc` is where
 * the spec names the file (its `path:` key), which the diagnostics point at.
 */
export function assertDataFileReadable(
  path: string,
  file: string,
  limit: number,
  loc: SpecLocation,
): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    throw specError(loc, dataMessages.fileNotFound(file));
  }
  if (!stats.isFile()) throw specError(loc, dataMessages.notARegularFile(file));
  if (stats.size > limit) {
    throw specError(
      loc,
      dataMessages.fileTooLarge(file, stats.size, limit),
      dataMessages.fileTooLargeHint(),
    );
  }
}
