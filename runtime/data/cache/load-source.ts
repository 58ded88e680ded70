import pl from "nodejs-polars";
import type { Logger } from "../../core/logger.js";
import { silentLogger } from "../../core/logger.js";
import type { ProviderSource } from "../../spec/types.generated.js";
import { parseDateRange } from "../providers/date-range.js";
import {
  createProvider,
  createProviderRegistry,
  type ProviderFactory,
} from "../providers/registry.js";
import type { ProviderDeps } from "../providers/types.js";
import type { NamedRegistry } from "../../core/named-registry.js";
import { createDataCache } from "./create-cache.js";
import { fetchWithCache } from "./fetch-with-cache.js";
import type { DataCache } from "./types.js";

export interface ProviderSourceResult {
  /** Canonical long frame of every symbol, sorted by symbol then timestamp. */
  frame: pl.DataFrame;
  /** Per symbol: rows, whether it came from the cache, and its cache key. */
  symbols: Array<{ symbol: string; rows: number; fromCache: boolean; key: string }>;
}

export interface LoadProviderSourceOptions {
  deps?: Partial<ProviderDeps>;
  logger?: Logger;
  signal?: AbortSignal;
  /** Use this cache instead of the one `config.cache` selects (it is then not closed). */
  cache?: DataCache;
  /** Folder that relative `cache.dir`s are resolved against. */
  baseDir?: string;
  registry?: NamedRegistry<ProviderFactory>;
}

/**
 * What the data stage calls for `source: yahoo | alphavantage | polygon | http`:
 * every symbol of the source over its range and interval, through the
 * configured cache, as one canonical frame. Symbols are fetched one after the
 * other so the provider's rate limit is shared.
 */
export async function loadProviderSource(
  config: ProviderSource,
  options: LoadProviderSourceOptions = {},
): Promise<ProviderSourceResult> {
  const logger = options.logger ?? options.deps?.logger ?? silentLogger;
  const range = parseDateRange(config.start, config.end);
  const provider = createProvider(
    config,
    { ...options.deps, logger },
    options.registry ?? createProviderRegistry(),
  );
  const cache =
    options.cache ??
    createDataCache(config.cache, {
      logger,
      ...(options.deps?.env ? { env: options.deps.env } : {}),
      ...(options.deps?.now ? { now: options.deps.now } : {}),
      ...(options.baseDir ? { baseDir: options.baseDir } : {}),
    });
  try {
    const frames: pl.DataFrame[] = [];
    const symbols: ProviderSourceResult["symbols"] = [];
    for (const symbol of config.symbols) {
      const result = await fetchWithCache(
        provider,
        { symbol, interval: config.interval, ...range },
        cache,
        { logger, ...(options.signal ? { signal: options.signal } : {}) },
      );
      frames.push(result.frame);
      symbols.push({
        symbol,
        rows: result.frame.height,
        fromCache: result.fromCache,
        key: result.key,
      });
    }
    const frame = frames.length === 1 ? frames[0]! : pl.concat(frames, { how: "diagonal" });
    return { frame: frame.sort(["symbol", "timestamp"]), symbols };
  } finally {
    if (options.cache === undefined) await cache.close();
  }
}
