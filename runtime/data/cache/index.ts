/** Data cache: filesystem (Parquet + index) and Redis backends, and the cached fetch the data stage uses. */
export { cacheKey } from "./cache-key.js";
export { type CacheEnvironment, createDataCache, defaultCacheDir } from "./create-cache.js";
export { frameToParquet, parquetToFrame } from "./frame-bytes.js";
export {
  createFsCache,
  type FsCacheIndex,
  type FsCacheIndexEntry,
  type FsCacheOptions,
} from "./fs-cache.js";
export {
  type CachedFetch,
  type FetchWithCacheOptions,
  fetchWithCache,
} from "./fetch-with-cache.js";
export {
  type LoadProviderSourceOptions,
  loadProviderSource,
  type ProviderSourceResult,
} from "./load-source.js";
export { createNoCache } from "./no-cache.js";
export { createRedisCache, type RedisCacheOptions, redactRedisUrl } from "./redis-cache.js";
export { parseTtl } from "./ttl.js";
export type { CacheEntryInfo, CacheHit, DataCache } from "./types.js";
