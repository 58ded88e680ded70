import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * Bytes in a folder (files, recursively; links counted as themselves, never
 * followed). Stops counting once past `stopAbove`. A missing folder is 0.
 */
export function folderBytes(dir: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let total = 0;
  const pending = [dir];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    let names: string[];
    try {
      names = readdirSync(next);
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(next, name);
      try {
        const st = lstatSync(path);
        if (st.isDirectory()) pending.push(path);
        else total += st.size;
      } catch {
        // removed while counting
      }
      if (total > stopAbove) return total;
    }
  }
  return total;
}
