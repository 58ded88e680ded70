import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, type RateLimitConfig } from "./config.js";
import type { ProviderSourceConfig } from "./config.js";
import { resolveEnvRefs, secretText } from "./env-ref.js";
import type { HttpCallContext } from "./fetch-json.js";
import { createTokenBucket } from "./token-bucket.js";
import type { ProviderDeps } from "./types.js";

/**
 * The per-provider-instance machinery: one token bucket shared by every
 * request of this instance (so all symbols of a spec share the quota), the
 * retry policy and the timeout, with the provider's documented defaults.
 */
export function createCallContext(
  provider: string,
  config: ProviderSourceConfig,
  deps: ProviderDeps,
  defaultRateLimit: RateLimitConfig,
): HttpCallContext {
  const limit = config.rate_limit ?? defaultRateLimit;
  return {
    provider,
    deps,
    retry: config.retries ?? DEFAULT_RETRY,
    timeoutMs: config.timeout_ms ?? DEFAULT_TIMEOUT_MS,
    limiter: createTokenBucket({
      capacity: limit.burst ?? limit.requests,
      refillPerSecond: limit.requests / limit.per_seconds,
      now: deps.now,
      sleep: deps.sleep,
    }),
  };
}

/** The resolved API key (from `${env:…}`) at call time, or undefined when none is configured. */
export function resolveApiKey(
  provider: string,
  config: ProviderSourceConfig,
  deps: ProviderDeps,
): string | undefined {
  if (config.api_key === undefined) return undefined;
  return resolveEnvRefs(secretText(config.api_key), deps.env, `${provider} api_key`);
}

/** The base URL without a trailing slash. */
export function baseUrl(config: ProviderSourceConfig, fallback: string): string {
  return (config.base_url ?? fallback).replace(/\/+$/, "");
}
