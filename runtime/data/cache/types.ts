import type pl from "nodejs-polars";

/** What a cache entry was made from (kept in the index for `describe`/debugging; no secrets). */
export interface CacheEntryInfo {
  provider: string;
  symbol: string;
  interval: string;
  start: number;
  end: number;
  rows: number;
}

export interface CacheHit {
  frame: pl.DataFrame;
  /** Epoch ms the entry was stored and when it expires. */
  storedAt: number;
  expiresAt: number;
}

/**
 * A store of canonical frames by key with a time to live. Backends: `fs`
 * (Parquet files + JSON index), `redis` (Parquet bytes under a key with a
 * Redis TTL), `none`.
 */
export interface DataCache {
  readonly backend: "fs" | "redis" | "none";
  /** Where the cache lives (folder or redacted URL), for messages. */
  readonly location: string;
  get(key: string): Promise<CacheHit | undefined>;
  set(key: string, frame: pl.DataFrame, info: CacheEntryInfo): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
