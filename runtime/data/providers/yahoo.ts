import { PROVIDER_DEFAULT_BASE } from "../../spec/network-targets.js";
import { UserError } from "../../core/errors.js";
import type { ProviderYahoo } from "../../spec/types.generated.js";
import { dataIoMessages } from "../../messages/data-io.js";
import { finishRows, toNumber } from "./bar-rows.js";
import { baseUrl, createCallContext } from "./call-context.js";
import { type BodyVerdict, fetchJsonWithRetry } from "./fetch-json.js";
import { localDateAsUtcMidnight } from "./time-zone.js";
import type {
  BarInterval,
  BarRequest,
  CanonicalRow,
  MarketDataProvider,
  ProviderDeps,
} from "./types.js";

const NAME = "yahoo";
const DEFAULT_BASE = PROVIDER_DEFAULT_BASE.yahoo;
const DAY_MS = 86_400_000;

/** Yahoo's interval names and the longest range one request may span (intraday limits). */
const INTERVALS: Record<BarInterval, { code: string; maxSpanMs: number; daily: boolean }> = {
  "1m": { code: "1m", maxSpanMs: 7 * DAY_MS, daily: false },
  "5m": { code: "5m", maxSpanMs: 59 * DAY_MS, daily: false },
  "15m": { code: "15m", maxSpanMs: 59 * DAY_MS, daily: false },
  "30m": { code: "30m", maxSpanMs: 59 * DAY_MS, daily: false },
  "1h": { code: "60m", maxSpanMs: 729 * DAY_MS, daily: false },
  "1d": { code: "1d", maxSpanMs: Number.POSITIVE_INFINITY, daily: true },
  "1w": { code: "1wk", maxSpanMs: Number.POSITIVE_INFINITY, daily: true },
  "1mo": { code: "1mo", maxSpanMs: Number.POSITIVE_INFINITY, daily: true },
};

interface ChartResult {
  meta?: { exchangeTimezoneName?: string; gmtoffset?: number };
  timestamp?: number[];
  indicators?: {
    quote?: Array<Partial<Record<"open" | "high" | "low" | "close" | "volume", unknown[]>>>;
    adjclose?: Array<{ adjclose?: unknown[] }>;
  };
}

/**
 * Yahoo Finance v8 chart API (`/v8/finance/chart/{symbol}?period1&period2&interval`).
 * Long intraday ranges are split into windows Yahoo accepts (7 days of 1m,
 * 59 days of 5–30m, 729 days of 60m) and fetched page by page. Daily and
 * longer bars are labelled with the exchange-local date at 00:00 UTC; intraday
 * bars keep their UTC open time. No API key.
 */
export function createYahooProvider(config: ProviderYahoo, deps: ProviderDeps): MarketDataProvider {
  const ctx = createCallContext(NAME, config, deps);
  const base = baseUrl(config, DEFAULT_BASE);
  return {
    name: NAME,
    identity: { provider: NAME, base },
    async fetchBars(request: BarRequest, options = {}) {
      const spec = INTERVALS[request.interval];
      const rows: CanonicalRow[] = [];
      for (let from = request.start; from < request.end; from += spec.maxSpanMs) {
        const to = Math.min(request.end, from + spec.maxSpanMs);
        const url =
          `${base}/v8/finance/chart/${encodeURIComponent(request.symbol)}` +
          `?period1=${Math.floor(from / 1000)}&period2=${Math.ceil(to / 1000)}` +
          `&interval=${spec.code}&includeAdjustedClose=true&events=div%7Csplit`;
        const body = await fetchJsonWithRetry(ctx, {
          symbol: request.symbol,
          url,
          headers: { "user-agent": "Mozilla/5.0 (drl-workbench)" },
          secrets: [],
          inspect: inspectChart,
          errorText: chartErrorText,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        rows.push(...chartRows(body, request.symbol, spec.daily));
      }
      return finishRows(rows, request.start, request.end);
    },
  };
}

function chartOf(body: unknown): { result?: unknown; error?: unknown } | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const chart = (body as { chart?: unknown }).chart;
  return typeof chart === "object" && chart !== null ? (chart as { result?: unknown }) : undefined;
}

function chartErrorText(body: unknown): string | undefined {
  const error = chartOf(body)?.error;
  if (typeof error !== "object" || error === null) return undefined;
  const { code, description } = error as { code?: unknown; description?: unknown };
  return [code, description].filter((x) => typeof x === "string").join(": ") || undefined;
}

function inspectChart(body: unknown): BodyVerdict {
  const chart = chartOf(body);
  if (chart === undefined) return { kind: "fail", message: "the body has no `chart` object" };
  const text = chartErrorText(body);
  if (text !== undefined) return { kind: "fail", message: text };
  if (!Array.isArray(chart.result)) return { kind: "fail", message: "`chart.result` is missing" };
  return { kind: "ok" };
}

function chartRows(body: unknown, symbol: string, daily: boolean): CanonicalRow[] {
  const result = (chartOf(body)?.result as ChartResult[] | undefined)?.[0];
  const times = result?.timestamp;
  if (result === undefined || times === undefined) return [];
  const quote = result.indicators?.quote?.[0];
  if (quote === undefined) {
    throw new UserError(dataIoMessages.unexpectedBody(NAME, symbol, "timestamps without quotes"));
  }
  const adj = result.indicators?.adjclose?.[0]?.adjclose;
  const zone = result.meta?.exchangeTimezoneName ?? "UTC";
  const rows: CanonicalRow[] = [];
  times.forEach((seconds, i) => {
    const open = toNumber(quote.open?.[i]);
    const high = toNumber(quote.high?.[i]);
    const low = toNumber(quote.low?.[i]);
    const close = toNumber(quote.close?.[i]);
    // Yahoo emits all-null placeholder bars (e.g. a session with no trades); they are not bars.
    if ([open, high, low, close].every(Number.isNaN)) return;
    const utc = seconds * 1000;
    const row: CanonicalRow = {
      timestamp: daily ? localDateAsUtcMidnight(utc, zone) : utc,
      symbol,
      open,
      high,
      low,
      close,
      volume: toNumber(quote.volume?.[i]),
    };
    if (adj !== undefined) row.adj_close = toNumber(adj[i]);
    rows.push(row);
  });
  return rows;
}
