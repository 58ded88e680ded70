import { PROVIDER_DEFAULT_BASE } from "../../spec/network-targets.js";
import { UserError } from "../../core/errors.js";
import type { ProviderAlphavantage } from "../../spec/types.generated.js";
import { dataIoMessages } from "../../messages/data-io.js";
import { finishRows, toNumber } from "./bar-rows.js";
import { baseUrl, createCallContext, resolveApiKey } from "./call-context.js";
import { type BodyVerdict, fetchJsonWithRetry } from "./fetch-json.js";
import { localToUtc, parseWallClock } from "./time-zone.js";
import type {
  BarInterval,
  BarRequest,
  CanonicalRow,
  MarketDataProvider,
  ProviderDeps,
} from "./types.js";

const NAME = "alphavantage";
const DEFAULT_BASE = PROVIDER_DEFAULT_BASE.alphavantage;
const INTRADAY: Partial<Record<BarInterval, string>> = {
  "1m": "1min",
  "5m": "5min",
  "15m": "15min",
  "30m": "30min",
  "1h": "60min",
};
const VALID = [...Object.keys(INTRADAY), "1d"];
const RATE_LIMIT_TEXT = /rate limit|call frequency|requests per|per minute|per day/i;

type Bar = Record<string, unknown>;

/**
 * Alpha Vantage `TIME_SERIES_DAILY_ADJUSTED` (interval 1d, `outputsize=full`)
 * and `TIME_SERIES_INTRADAY` (1m–1h, one request per calendar month with
 * `month=YYYY-MM`). Rate-limit bodies (`Note`, or `Information` about call
 * frequency) arrive with HTTP 200 and are retried with backoff; `Error
 * Message` bodies fail at once. Times are in the series' "Time Zone"
 * (US/Eastern) and converted to UTC; daily bars are labelled with their date
 * at 00:00 UTC.
 */
export function createAlphaVantageProvider(
  config: ProviderAlphavantage,
  deps: ProviderDeps,
): MarketDataProvider {
  const ctx = createCallContext(NAME, config, deps);
  const base = baseUrl(config, DEFAULT_BASE);
  const adjusted = config.adjusted;
  return {
    name: NAME,
    identity: { provider: NAME, base, adjusted },
    async fetchBars(request: BarRequest, options = {}) {
      const key = resolveApiKey(NAME, config.api_key, deps);
      const pages = pageQueries(request, adjusted, deps.now());
      const rows: CanonicalRow[] = [];
      for (const query of pages) {
        const url = `${base}/query?${query}&datatype=json&apikey=${encodeURIComponent(key)}`;
        const body = await fetchJsonWithRetry(ctx, {
          symbol: request.symbol,
          url,
          secrets: [key],
          inspect: inspectBody,
          errorText: errorText,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        rows.push(...seriesRows(body, request));
      }
      return finishRows(rows, request.start, request.end);
    },
  };
}

/** `compact` (the latest 100 bars) covers about 140 calendar days back; older starts need `full`. */
const COMPACT_SPAN_MS = 140 * 86_400_000;

function pageQueries(request: BarRequest, adjusted: boolean, now: number): string[] {
  const symbol = encodeURIComponent(request.symbol);
  if (request.interval === "1d") {
    const size = now - request.start < COMPACT_SPAN_MS ? "compact" : "full";
    return [`function=TIME_SERIES_DAILY_ADJUSTED&symbol=${symbol}&outputsize=${size}`];
  }
  const code = INTRADAY[request.interval];
  if (code === undefined) {
    throw new UserError(dataIoMessages.intervalUnsupported(NAME, request.interval, VALID));
  }
  // Calendar months covering the range, widened a day each side for the US/Eastern offset.
  const first = new Date(request.start - 86_400_000);
  const last = new Date(request.end + 86_400_000);
  const months: string[] = [];
  const lastIndex = last.getUTCFullYear() * 12 + last.getUTCMonth();
  for (let i = first.getUTCFullYear() * 12 + first.getUTCMonth(); i <= lastIndex; i++) {
    months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
  }
  return months.map(
    (month) =>
      `function=TIME_SERIES_INTRADAY&symbol=${symbol}&interval=${code}&month=${month}` +
      `&outputsize=full&adjusted=${adjusted}`,
  );
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function errorText(body: unknown): string | undefined {
  const b = asRecord(body);
  const text = b?.["Error Message"] ?? b?.Information ?? b?.Note;
  return typeof text === "string" ? text : undefined;
}

function inspectBody(body: unknown): BodyVerdict {
  const b = asRecord(body);
  if (b === undefined) return { kind: "fail", message: "the body is not a JSON object" };
  const error = b["Error Message"];
  if (typeof error === "string") return { kind: "fail", message: error };
  const note = b.Note;
  if (typeof note === "string") return { kind: "retry", reason: `rate limited: ${note}` };
  const info = b.Information;
  if (typeof info === "string" && seriesKey(b) === undefined) {
    return RATE_LIMIT_TEXT.test(info)
      ? { kind: "retry", reason: `rate limited: ${info}` }
      : { kind: "fail", message: info };
  }
  if (seriesKey(b) === undefined) {
    return {
      kind: "fail",
      message: "the body has no time series (keys: " + Object.keys(b).join(", ") + ")",
    };
  }
  return { kind: "ok" };
}

function seriesKey(body: Record<string, unknown>): string | undefined {
  return Object.keys(body).find((k) => k.startsWith("Time Series"));
}

function seriesRows(body: unknown, request: BarRequest): CanonicalRow[] {
  const b = asRecord(body)!;
  const series = asRecord(b[seriesKey(b)!]) ?? {};
  const meta = asRecord(b["Meta Data"]) ?? {};
  const zoneKey = Object.keys(meta).find((k) => k.endsWith("Time Zone"));
  const zone = (zoneKey ? String(meta[zoneKey]) : "US/Eastern").trim();
  const daily = request.interval === "1d";
  const rows: CanonicalRow[] = [];
  for (const [stamp, value] of Object.entries(series)) {
    const wall = parseWallClock(stamp);
    const bar = asRecord(value) as Bar | undefined;
    if (wall === undefined || bar === undefined) {
      throw new UserError(
        dataIoMessages.unexpectedBody(NAME, request.symbol, `bar "${stamp}" is not a dated record`),
      );
    }
    const row: CanonicalRow = {
      timestamp: daily ? wall : localToUtc(wall, zone),
      symbol: request.symbol,
      open: toNumber(bar["1. open"]),
      high: toNumber(bar["2. high"]),
      low: toNumber(bar["3. low"]),
      close: toNumber(bar["4. close"]),
      volume: toNumber(bar["6. volume"] ?? bar["5. volume"]),
    };
    if (daily) row.adj_close = toNumber(bar["5. adjusted close"]);
    rows.push(row);
  }
  return rows;
}
