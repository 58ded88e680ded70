/** Market-data providers: Yahoo, Alpha Vantage, Polygon and spec-declared HTTP/JSON sources. */
export { createAlphaVantageProvider } from "./alphavantage.js";
export { backoffDelay, parseRetryAfter } from "./backoff.js";
export type {
  AlphaVantageSourceConfig,
  CacheConfig,
  HttpFieldMapping,
  HttpSourceConfig,
  PolygonSourceConfig,
  ProviderName,
  ProviderSourceConfig,
  RateLimitConfig,
  RetryConfig,
  YahooSourceConfig,
} from "./config.js";
export { DEFAULT_RETRY } from "./config.js";
export { isoDate, parseDateRange } from "./date-range.js";
export { providerDeps, realSleep } from "./deps.js";
export { envRef, redact, resolveEnvRefs, secretText } from "./env-ref.js";
export { createHttpJsonProvider } from "./http-json.js";
export { createPolygonProvider } from "./polygon.js";
export { createProvider, createProviderRegistry, type ProviderFactory } from "./registry.js";
export { frameToRows, rowsToFrame } from "./rows-frame.js";
export { createTokenBucket, type TokenBucket } from "./token-bucket.js";
export {
  BAR_INTERVALS,
  type BarInterval,
  type BarRequest,
  type CanonicalRow,
  type FetchOptions,
  type MarketDataProvider,
  type ProviderDeps,
} from "./types.js";
export { createYahooProvider } from "./yahoo.js";
export {
  createProviderSourceLoader,
  PROVIDER_SOURCES,
  registerProviderSources,
} from "./source-loader.js";
