import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { SUBMITTED_PREFIX } from "../submitted-spec.js";

/**
 * Removes inline spec files left by jobs of an earlier server process (one
 * that was killed before its jobs finished). Call before accepting jobs.
 * Returns how many were removed.
 */
export function removeStaleSubmissions(specsDir: string): number {
  let names: string[];
  try {
    names = readdirSync(specsDir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(SUBMITTED_PREFIX)) continue;
    rmSync(join(specsDir, name), { force: true });
    removed += 1;
  }
  return removed;
}
