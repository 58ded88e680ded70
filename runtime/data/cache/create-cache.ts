import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { Logger } from "../../core/logger.js";
import type { ProviderCache } from "../../spec/types.generated.js";
import { resolveEnvRefs, secretText } from "../providers/env-ref.js";
import { createFsCache } from "./fs-cache.js";
import { createNoCache } from "./no-cache.js";
import { createRedisCache } from "./redis-cache.js";
import { parseTtl } from "./ttl.js";
import type { DataCache } from "./types.js";

export interface CacheEnvironment {
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => number;
  logger?: Logger;
  /** Folder relative `dir`s are resolved against (the spec's folder); default the working directory. */
  baseDir?: string;
}

/** Default cache folder: `$XDG_CACHE_HOME/drlwb/data`, else `~/.cache/drlwb/data`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  return join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "drlwb", "data");
}

/** The cache a source's normalized `cache:` block selects (provider.schema.json's default is `fs`, ttl 1d). */
export function createDataCache(
  config: ProviderCache,
  environment: CacheEnvironment = {},
): DataCache {
  const env = environment.env ?? process.env;
  const common = {
    ...(environment.now ? { now: environment.now } : {}),
    ...(environment.logger ? { logger: environment.logger } : {}),
  };
  switch (config.backend) {
    case "none":
      return createNoCache();
    case "fs": {
      const dir = config.dir
        ? resolve(environment.baseDir ?? process.cwd(), config.dir)
        : defaultCacheDir(env);
      return createFsCache({ dir, ttlMs: parseTtl(config.ttl), ...common });
    }
    case "redis": {
      const url = resolveEnvRefs(
        config.url !== undefined
          ? secretText(config.url)
          : (env.DRLWB_REDIS_URL ?? "redis://127.0.0.1:6379"),
        env,
        "cache.url",
      );
      return createRedisCache({
        url,
        ttlMs: parseTtl(config.ttl),
        prefix: config.prefix,
        ...common,
      });
    }
  }
}
