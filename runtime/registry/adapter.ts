import { readFileSync } from "node:fs";
import type { SyncAdapter } from "lowdb";
import { writeFileAtomic } from "../core/atomic-write.js";

/** lowdb adapter for a JSON file replaced atomically (unique temp file, fsync, rename). */
export class AtomicJsonFile<T> implements SyncAdapter<T> {
  constructor(private readonly file: string) {}

  read(): T | null {
    try {
      return JSON.parse(readFileSync(this.file, "utf8")) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  write(data: T): void {
    writeFileAtomic(this.file, `${JSON.stringify(data, null, 1)}\n`);
  }
}
