import type { SecretString } from "../../spec/secret-ref.js";
import type { BarInterval } from "./types.js";

/** Token-bucket limit: `requests` per `per_seconds`, bursts up to `burst` (default `requests`). */
export interface RateLimitConfig {
  requests: number;
  per_seconds: number;
  burst?: number;
}

/** Retries with exponential backoff and full jitter: delay_k = U(0.5, 1) · min(max, base · 2^k). */
export interface RetryConfig {
  max_attempts: number;
  base_delay_ms: number;
  max_delay_ms: number;
}

export interface CacheConfig {
  backend: "fs" | "redis" | "none";
  /** Time to live: seconds, or a duration like `90s`, `30m`, `12h`, `7d`. */
  ttl?: number | string;
  /** Filesystem cache folder (backend fs). */
  dir?: string;
  /** Redis URL (backend redis), may be `${env:NAME}`. */
  url?: SecretString;
  /** Redis key prefix. */
  prefix?: string;
}

interface ProviderSourceBase {
  symbols: string[];
  interval: BarInterval;
  /** First day (or instant) to fetch, `YYYY-MM-DD` or ISO 8601 date-time. */
  start: string;
  /** Last day to fetch, inclusive when a date, exclusive when a date-time. */
  end: string;
  /** API key, normally `${env:NAME}`; resolved when a request is made, never logged. */
  api_key?: SecretString;
  /** Overrides the provider's base URL (a proxy, a mirror, a test server). */
  base_url?: string;
  rate_limit?: RateLimitConfig;
  retries?: RetryConfig;
  timeout_ms?: number;
  cache?: CacheConfig;
}

export interface YahooSourceConfig extends ProviderSourceBase {
  source: "yahoo";
}

export interface AlphaVantageSourceConfig extends ProviderSourceBase {
  source: "alphavantage";
  /** Intraday: split/dividend-adjusted bars (Alpha Vantage `adjusted`). */
  adjusted?: boolean;
}

export interface PolygonSourceConfig extends ProviderSourceBase {
  source: "polygon";
  adjusted?: boolean;
  /** Bars per page (Polygon `limit`, at most 50000). */
  page_size?: number;
}

/** Field names in the provider's rows (dot paths allowed) for each canonical column. */
export interface HttpFieldMapping {
  timestamp: string;
  open: string;
  high: string;
  low: string;
  close: string;
  volume?: string;
  adj_close?: string;
}

export interface HttpSourceConfig extends ProviderSourceBase {
  source: "http";
  /** URL template with `{symbol}`, `{start}`, `{end}`, `{interval}`, `{api_key}` placeholders. */
  url: string;
  /** How `{start}`/`{end}` are written into the URL. */
  range_format?: "iso_date" | "iso" | "epoch_s" | "epoch_ms";
  /** Dot path to the array of rows in the response (`""` when the body is the array). */
  rows: string;
  fields: HttpFieldMapping;
  /** Unit of the timestamp field. */
  timestamp_unit?: "ms" | "s" | "iso";
  /** Dot path to the next page's URL (absolute or relative to the base URL), if paginated. */
  next?: string;
  /** Extra request headers; values may contain `${env:NAME}`. */
  headers?: Record<string, SecretString>;
}

export type ProviderSourceConfig =
  | YahooSourceConfig
  | AlphaVantageSourceConfig
  | PolygonSourceConfig
  | HttpSourceConfig;

export type ProviderName = ProviderSourceConfig["source"];

export const DEFAULT_RETRY: RetryConfig = {
  max_attempts: 5,
  base_delay_ms: 500,
  max_delay_ms: 30_000,
};

export const DEFAULT_TIMEOUT_MS = 30_000;
