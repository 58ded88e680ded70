import type { Logger } from "../../core/logger.js";
import type { Rng } from "../../core/rng.js";

/**
 * One bar in the canonical long form every provider produces: epoch-ms UTC
 * timestamp of the bar's open, the symbol as requested, prices as floats.
 * `adj_close` is present only when the provider supplies one.
 */
export interface CanonicalRow {
  timestamp: number;
  symbol: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  adj_close?: number;
}

/** Bar intervals the providers understand (each maps them to its own vocabulary). */
export const BAR_INTERVALS = ["1m", "5m", "15m", "30m", "1h", "1d", "1w", "1mo"] as const;
export type BarInterval = (typeof BAR_INTERVALS)[number];

/** What to fetch: one symbol, one interval, the half-open time range [start, end) in epoch ms. */
export interface BarRequest {
  symbol: string;
  interval: BarInterval;
  start: number;
  end: number;
}

/**
 * Everything a provider needs from the outside world, injectable so tests run
 * against a local server with a fake clock: `fetch` (Node's global by default),
 * `now`/`sleep` (the rate limiter and backoff use them), the seeded jitter
 * stream, the environment `${env:NAME}` references are resolved against, and a
 * logger that never sees a secret.
 */
export interface ProviderDeps {
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  rng: Rng;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
}

export interface FetchOptions {
  signal?: AbortSignal;
}

/** A configured market-data provider. */
export interface MarketDataProvider {
  /** Registry name: `yahoo`, `alphavantage`, `polygon`, `http`. */
  readonly name: string;
  /**
   * What, besides symbol/interval/range, changes the data this provider
   * returns (base URL, adjustment flag, field mapping…); part of the cache
   * key. Never contains a secret.
   */
  readonly identity: Readonly<Record<string, unknown>>;
  /** Bars of `request.symbol` in [start, end), sorted by timestamp, no duplicates. */
  fetchBars(request: BarRequest, options?: FetchOptions): Promise<CanonicalRow[]>;
}
