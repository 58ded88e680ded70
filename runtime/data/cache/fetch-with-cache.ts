import type { Logger } from "../../core/logger.js";
import { silentLogger } from "../../core/logger.js";
import { dataIoMessages } from "../../messages/data-io.js";
import { rowsToFrame } from "../providers/rows-frame.js";
import type { BarRequest, MarketDataProvider } from "../providers/types.js";
import type pl from "nodejs-polars";
import { cacheKey } from "./cache-key.js";
import type { DataCache } from "./types.js";

export interface CachedFetch {
  /** Canonical long frame of the request's bars. */
  frame: pl.DataFrame;
  fromCache: boolean;
  key: string;
}

export interface FetchWithCacheOptions {
  logger?: Logger;
  signal?: AbortSignal;
}

/**
 * The request's bars from the cache when a live entry exists, else from the
 * provider (then stored). The cache is an accelerator, not a source of truth:
 * if it cannot be reached the failure is logged and the provider is used.
 * Empty results are not cached, so a corrected symbol or range is retried.
 */
export async function fetchWithCache(
  provider: MarketDataProvider,
  request: BarRequest,
  cache: DataCache,
  options: FetchWithCacheOptions = {},
): Promise<CachedFetch> {
  const logger = options.logger ?? silentLogger;
  const key = cacheKey(provider.identity, request);
  try {
    const hit = await cache.get(key);
    if (hit !== undefined) {
      logger.log("info", "data cache hit", { key, backend: cache.backend, rows: hit.frame.height });
      return { frame: hit.frame, fromCache: true, key };
    }
  } catch (error) {
    logger.log(
      "warn",
      dataIoMessages.cacheUnavailable(cache.backend, cache.location, reason(error)),
    );
  }
  const rows = await provider.fetchBars(request, options.signal ? { signal: options.signal } : {});
  const frame = rowsToFrame(rows);
  if (frame.height > 0) {
    try {
      await cache.set(key, frame, {
        provider: provider.name,
        symbol: request.symbol,
        interval: request.interval,
        start: request.start,
        end: request.end,
        rows: frame.height,
      });
    } catch (error) {
      logger.log(
        "warn",
        dataIoMessages.cacheUnavailable(cache.backend, cache.location, reason(error)),
      );
    }
  }
  return { frame, fromCache: false, key };
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
