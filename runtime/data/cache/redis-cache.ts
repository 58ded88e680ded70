import { Redis } from "ioredis";
import type { Logger } from "../../core/logger.js";
import { silentLogger } from "../../core/logger.js";
import { dataIoMessages } from "../../messages/data-io.js";
import { frameToParquet, parquetToFrame } from "./frame-bytes.js";
import type { CacheEntryInfo, DataCache } from "./types.js";

export interface RedisCacheOptions {
  /** `redis://[user:password@]host:port[/db]`, secrets already resolved. */
  url: string;
  ttlMs: number;
  /** Key prefix (a spec's `cache.prefix`, `drlwb:data:` by default). */
  prefix: string;
  now?: () => number;
  logger?: Logger;
  /** Connection timeout; a cache that cannot be reached is skipped, not waited for. */
  connectTimeoutMs?: number;
}

interface Envelope {
  storedAt: number;
  expiresAt: number;
  info: CacheEntryInfo;
}

/** The URL with any password replaced by `***`. */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):([^@/]*)@/, "//$1:***@");
}

/**
 * Redis backend: each entry is two keys with the same TTL (`PX`): the
 * canonical frame as Parquet bytes, and a small JSON envelope with its origin
 * and times. Written in one MULTI so readers never see one without the other.
 * Connection errors surface from `get`/`set`; `fetchWithCache` logs them and
 * falls back to the provider.
 */
export function createRedisCache(options: RedisCacheOptions): DataCache {
  const { prefix } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const location = redactRedisUrl(options.url);
  const client = new Redis(options.url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    retryStrategy: (times) => (times > 2 ? null : 100 * times),
  });
  client.on("error", (error: Error) => {
    logger.log("debug", "redis cache connection error", { location, error: error.message });
  });
  const dataKey = (key: string): string => `${prefix}${key}:parquet`;
  const metaKey = (key: string): string => `${prefix}${key}:meta`;
  const ensureConnected = async (): Promise<void> => {
    if (client.status === "wait" || client.status === "end") await client.connect();
  };

  return {
    backend: "redis",
    location,
    async get(key) {
      await ensureConnected();
      const [bytes, meta] = await Promise.all([
        client.getBuffer(dataKey(key)),
        client.get(metaKey(key)),
      ]);
      if (bytes === null || meta === null) return undefined;
      try {
        const envelope = JSON.parse(meta) as Envelope;
        return {
          frame: parquetToFrame(bytes),
          storedAt: envelope.storedAt,
          expiresAt: envelope.expiresAt,
        };
      } catch {
        logger.log("warn", dataIoMessages.cacheEntryCorrupt(`${location} ${key}`));
        await client.del(dataKey(key), metaKey(key));
        return undefined;
      }
    },
    async set(key, frame, info) {
      await ensureConnected();
      const storedAt = now();
      const envelope: Envelope = { storedAt, expiresAt: storedAt + options.ttlMs, info };
      const results = await client
        .multi()
        .set(dataKey(key), frameToParquet(frame), "PX", options.ttlMs)
        .set(metaKey(key), JSON.stringify(envelope), "PX", options.ttlMs)
        .exec();
      const failed = results?.find(([error]) => error !== null)?.[0];
      if (failed) throw failed;
    },
    async delete(key) {
      await ensureConnected();
      await client.del(dataKey(key), metaKey(key));
    },
    async close() {
      if (client.status === "ready") await client.quit();
      else client.disconnect();
    },
  };
}
