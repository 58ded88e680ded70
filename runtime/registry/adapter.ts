import type { SyncAdapter } from "lowdb";
import { writeFileAtomic } from "../core/atomic-write.js";
import { readRegistryDocument } from "./document.js";
import type { RegistryData } from "./types.js";

/**
 * lowdb adapter for registry.json, replaced atomically (unique temp file,
 * fsync, rename). Reading checks the document's shape and turns a truncated
 * or malformed file into a RegistryStateError naming it.
 */
export class RegistryFile implements SyncAdapter<RegistryData> {
  /**
   * @param file the registry.json path
   * @param displayFile how to name it to someone who must not see server paths
   */
  constructor(
    private readonly file: string,
    private readonly displayFile: string,
  ) {}

  read(): RegistryData | null {
    return readRegistryDocument(this.file, this.displayFile) ?? null;
  }

  write(data: RegistryData): void {
    writeFileAtomic(this.file, `${JSON.stringify(data, null, 1)}\n`);
  }
}
