import type { ProviderSource } from "../../spec/types.generated.js";
import type { SecretString } from "../../spec/secret-ref.js";
import { resolveEnvRefs, secretText } from "./env-ref.js";
import type { HttpCallContext } from "./fetch-json.js";
import { createTokenBucket } from "./token-bucket.js";
import type { ProviderDeps } from "./types.js";

/**
 * The per-provider-instance machinery: one token bucket shared by every
 * request of this instance (so all symbols of a spec share the quota), the
 * retry policy and the timeout, as the normalized source sets them (each
 * provider's defaults come from provider.schema.json).
 */
export function createCallContext(
  provider: string,
  config: ProviderSource,
  deps: ProviderDeps,
): HttpCallContext {
  const limit = config.rate_limit;
  return {
    provider,
    deps,
    retry: config.retries,
    timeoutMs: config.timeout_ms,
    limiter: createTokenBucket({
      // The bucket holds `requests` tokens unless `burst` says otherwise.
      capacity: limit.burst ?? limit.requests,
      refillPerSecond: limit.requests / limit.per_seconds,
      now: deps.now,
      sleep: deps.sleep,
    }),
  };
}

/** The API key (`${env:…}` resolved) at call time: keys are never copied into configs or logs. */
export function resolveApiKey(provider: string, apiKey: SecretString, deps: ProviderDeps): string {
  return resolveEnvRefs(secretText(apiKey), deps.env, `${provider} api_key`);
}

/** The base URL without a trailing slash: the source's `base_url`, else the provider's endpoint. */
export function baseUrl(config: { readonly base_url?: string }, endpoint: string): string {
  return (config.base_url ?? endpoint).replace(/\/+$/, "");
}
