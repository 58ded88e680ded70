/** Messages of the market-data providers, the data cache and streaming. */
export const dataIoMessages = {
  missingEnv: (name: string, usedBy: string) =>
    `environment variable ${name} is not set (it is referenced as \${env:${name}} by ${usedBy}); export it before running, e.g. \`export ${name}=…\``,
  apiKeyPlaceholder: (provider: string) =>
    `${provider}: the url template uses {api_key} but the source has no api_key; add \`api_key: \${env:NAME}\``,
  httpStatus: (provider: string, symbol: string, status: number, detail: string) =>
    `${provider}: request for ${symbol} failed with HTTP ${status}${detail ? `: ${detail}` : ""}`,
  authFailed: (provider: string, symbol: string, status: number, detail: string) =>
    `${provider}: request for ${symbol} was refused (HTTP ${status}${detail ? `: ${detail}` : ""}); check the api_key (an \${env:NAME} reference to a valid key) and the plan's access to this data`,
  notFound: (provider: string, symbol: string, detail: string) =>
    `${provider}: no data for symbol "${symbol}"${detail ? ` (${detail})` : ""}; check the ticker spelling and the exchange suffix`,
  retriesExhausted: (provider: string, symbol: string, attempts: number, reason: string) =>
    `${provider}: request for ${symbol} still failing after ${attempts} attempt${attempts === 1 ? "" : "s"} (last: ${reason}); try again later, or raise retries.max_attempts / lower rate_limit.requests`,
  retryAfterTooLong: (provider: string, symbol: string, waitMs: number, maxMs: number) =>
    `${provider}: the server asked to wait ${Math.ceil(waitMs / 1000)} s before retrying ${symbol}, more than retries.max_delay_ms (${maxMs} ms); try later or raise retries.max_delay_ms`,
  crossOriginRedirect: (provider: string, symbol: string, from: string, to: string) =>
    `${provider}: ${symbol}: the server at ${from} redirected to another host (${to}); redirects are followed only on the same host, so point base_url at the final address`,
  tooManyRedirects: (provider: string, symbol: string, hops: number) =>
    `${provider}: ${symbol}: more than ${hops} redirects; point base_url at the final address`,
  malformedJson: (snippet: string) => `the response is not valid JSON (starts with: ${snippet})`,
  providerError: (provider: string, symbol: string, message: string) =>
    `${provider}: request for ${symbol} was rejected: ${message}`,
  unexpectedBody: (provider: string, symbol: string, what: string) =>
    `${provider}: unexpected response for ${symbol}: ${what}; the provider's format may have changed`,
  noData: (provider: string, symbol: string, start: string, end: string) =>
    `${provider}: no bars for ${symbol} between ${start} and ${end}; check the symbol and the date range`,
  intervalUnsupported: (provider: string, interval: string, valid: readonly string[]) =>
    `${provider} does not serve interval "${interval}"; valid intervals: ${valid.join(", ")}`,
  badDate: (field: string, value: string) =>
    `${field}: "${value}" is not a date (use YYYY-MM-DD or an ISO 8601 date-time such as 2020-01-31T14:30:00Z)`,
  emptyRange: (start: string, end: string) =>
    `the date range is empty: start ${start} is not before end ${end}`,
  rowsNotArray: (provider: string, path: string) =>
    `${provider}: the response has no array of rows at "${path || "(root)"}"; set rows: to the dot path of the array`,
  fieldMissing: (provider: string, field: string, path: string, row: number) =>
    `${provider}: row ${row} has no usable value for ${field} at "${path}"; check fields.${field}`,
  badTimestamp: (provider: string, value: string, row: number, unit: string) =>
    `${provider}: row ${row} has timestamp "${value}", which is not a valid ${unit} timestamp; check timestamp_unit`,
  paginationLoop: (provider: string, symbol: string, url: string) =>
    `${provider}: pagination for ${symbol} returned a page URL seen before (${url}); stopping to avoid an endless loop`,
  unknownProvider: (name: string, suggestion: string | undefined, valid: readonly string[]) =>
    `unknown data source "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""} Valid sources: ${valid.join(", ")}`,
  badDuration: (value: string) =>
    `cache ttl "${value}" is not a duration; use seconds (3600) or a number with a unit: 90s, 30m, 12h, 7d`,
  cacheUnavailable: (backend: string, where: string, reason: string) =>
    `${backend} cache at ${where} is unavailable (${reason}); start it, fix cache.url/dir, or set cache.backend: none`,
  cacheEntryCorrupt: (where: string) =>
    `cache entry ${where} could not be read; it was dropped and the data will be fetched again`,
  streamReconnecting: (url: string, attempt: number, delayMs: number) =>
    `stream ${url} disconnected; reconnecting (attempt ${attempt}) in ${delayMs} ms`,
  streamGaveUp: (url: string, attempts: number) =>
    `stream ${url} could not be reconnected after ${attempts} attempts; check the server or raise reconnect.max_attempts`,
  streamPanelNeedsSymbols: (features: readonly string[]) =>
    `cross-sectional features (${features.join(", ")}) need the stream's symbol list; pass symbols to the stream processor`,
  streamNeedsAggregation: (symbol: string) =>
    `a tick for ${symbol} arrived but the stream processor has no bar interval; set interval to aggregate ticks into bars`,
  streamBadInterval: (value: string) =>
    `stream bar interval "${value}" is not valid; use a size like 1m, 5m, 15m, 1h, 4h, 1d, or 1w / 1mo`,
  streamBadMessage: (snippet: string) =>
    `stream message ignored: not a valid tick or bar (starts with: ${snippet})`,
} as const;
