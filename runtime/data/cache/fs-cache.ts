import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../../core/atomic-write.js";
import type { Logger } from "../../core/logger.js";
import { silentLogger } from "../../core/logger.js";
import { dataIoMessages } from "../../messages/data-io.js";
import { frameToParquet, parquetToFrame } from "./frame-bytes.js";
import type { CacheEntryInfo, DataCache } from "./types.js";

export interface FsCacheIndexEntry extends CacheEntryInfo {
  file: string;
  storedAt: number;
  expiresAt: number;
  bytes: number;
}

export interface FsCacheIndex {
  version: 1;
  entries: Record<string, FsCacheIndexEntry>;
}

export interface FsCacheOptions {
  dir: string;
  ttlMs: number;
  now?: () => number;
  logger?: Logger;
}

const INDEX = "index.json";

/**
 * A folder of Parquet files, one per key, plus `index.json` with each entry's
 * origin, row count and expiry. Both are written atomically (temporary file,
 * fsync, rename), so a crash leaves the old entry or the new one. An expired,
 * missing or unreadable entry is a miss and is removed.
 */
export function createFsCache(options: FsCacheOptions): DataCache & {
  index(): FsCacheIndex;
  prune(): number;
} {
  const { dir, ttlMs } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const indexPath = join(dir, INDEX);

  const readIndex = (): FsCacheIndex => {
    if (!existsSync(indexPath)) return { version: 1, entries: {} };
    try {
      const parsed = JSON.parse(readFileSync(indexPath, "utf8")) as FsCacheIndex;
      return parsed.version === 1 && typeof parsed.entries === "object"
        ? parsed
        : { version: 1, entries: {} };
    } catch {
      logger.log("warn", dataIoMessages.cacheEntryCorrupt(indexPath));
      return { version: 1, entries: {} };
    }
  };

  const drop = (key: string): void => {
    const index = readIndex();
    const entry = index.entries[key];
    if (entry === undefined) return;
    delete index.entries[key];
    writeJsonAtomic(indexPath, index);
    rmSync(join(dir, entry.file), { force: true });
  };

  return {
    backend: "fs",
    location: dir,
    async get(key) {
      const entry = readIndex().entries[key];
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= now()) {
        drop(key);
        return undefined;
      }
      const path = join(dir, entry.file);
      try {
        const frame = parquetToFrame(readFileSync(path));
        return { frame, storedAt: entry.storedAt, expiresAt: entry.expiresAt };
      } catch {
        logger.log("warn", dataIoMessages.cacheEntryCorrupt(path));
        drop(key);
        return undefined;
      }
    },
    async set(key, frame, info) {
      const file = `${key}.parquet`;
      const bytes = frameToParquet(frame);
      writeFileAtomic(join(dir, file), bytes);
      const index = readIndex();
      const storedAt = now();
      index.entries[key] = {
        ...info,
        file,
        storedAt,
        expiresAt: storedAt + ttlMs,
        bytes: bytes.length,
      };
      writeJsonAtomic(indexPath, index);
    },
    async delete(key) {
      drop(key);
    },
    async close() {},
    index: readIndex,
    prune() {
      const index = readIndex();
      const t = now();
      const expired = Object.entries(index.entries).filter(([, e]) => e.expiresAt <= t);
      for (const [key, entry] of expired) {
        delete index.entries[key];
        rmSync(join(dir, entry.file), { force: true });
      }
      if (expired.length > 0) writeJsonAtomic(indexPath, index);
      return expired.length;
    },
  };
}
