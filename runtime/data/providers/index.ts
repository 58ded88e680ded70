/** Market-data providers: Yahoo, Alpha Vantage, Polygon and spec-declared HTTP/JSON sources. */
export { createAlphaVantageProvider } from "./alphavantage.js";
export { backoffDelay, parseRetryAfter } from "./backoff.js";
export type {
  ProviderAlphavantage,
  ProviderCache,
  ProviderCacheFs,
  ProviderCacheNone,
  ProviderCacheRedis,
  ProviderCommon,
  ProviderFieldMapping,
  ProviderHttp,
  ProviderPolygon,
  ProviderRateLimit,
  ProviderRetries,
  ProviderSource,
  ProviderYahoo,
} from "../../spec/types.generated.js";
export { isoDate, parseDateRange } from "./date-range.js";
export { providerDeps, realSleep } from "./deps.js";
export { envRef, redact, resolveEnvRefs, secretText } from "./env-ref.js";
export { createHttpJsonProvider } from "./http-json.js";
export { createPolygonProvider } from "./polygon.js";
export { providerSource } from "./provider-source.js";
export {
  createProvider,
  createProviderRegistry,
  type ProviderFactory,
  providerFactory,
  type ProviderName,
  type ProviderOf,
} from "./registry.js";
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
  type ProviderDataSection,
  registerProviderSources,
} from "./source-loader.js";
