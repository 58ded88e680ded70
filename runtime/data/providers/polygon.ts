import { PROVIDER_DEFAULT_BASE } from "../../spec/network-targets.js";
import { UserError } from "../../core/errors.js";
import type { ProviderPolygon } from "../../spec/types.generated.js";
import { dataIoMessages } from "../../messages/data-io.js";
import { finishRows, toNumber } from "./bar-rows.js";
import { baseUrl, createCallContext, resolveApiKey } from "./call-context.js";
import { redact } from "./env-ref.js";
import { type BodyVerdict, fetchJsonWithRetry } from "./fetch-json.js";
import { localDateAsUtcMidnight } from "./time-zone.js";
import type {
  BarInterval,
  BarRequest,
  CanonicalRow,
  MarketDataProvider,
  ProviderDeps,
} from "./types.js";

const NAME = "polygon";
const DEFAULT_BASE = PROVIDER_DEFAULT_BASE.polygon;
const ZONE = "America/New_York";
const TIMESPANS: Record<BarInterval, [number, string]> = {
  "1m": [1, "minute"],
  "5m": [5, "minute"],
  "15m": [15, "minute"],
  "30m": [30, "minute"],
  "1h": [1, "hour"],
  "1d": [1, "day"],
  "1w": [1, "week"],
  "1mo": [1, "month"],
};
const OK_STATUS = new Set(["OK", "DELAYED"]);

/**
 * Polygon.io aggregates, `/v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}`,
 * following `next_url` until the last page. The API key goes in `apiKey`
 * (Polygon does not repeat it in `next_url`); next pages are re-based on the
 * configured base URL so the key is only ever sent to that host. Daily and
 * longer bars (stamped at New York midnight) are labelled with their date at
 * 00:00 UTC.
 */
export function createPolygonProvider(
  config: ProviderPolygon,
  deps: ProviderDeps,
): MarketDataProvider {
  const ctx = createCallContext(NAME, config, deps);
  const base = baseUrl(config, DEFAULT_BASE);
  const { adjusted, page_size: pageSize } = config;
  return {
    name: NAME,
    identity: { provider: NAME, base, adjusted },
    async fetchBars(request: BarRequest, options = {}) {
      const key = resolveApiKey(NAME, config.api_key, deps);
      const [multiplier, timespan] = TIMESPANS[request.interval];
      const daily = !["minute", "hour"].includes(timespan);
      let path: string | undefined =
        `/v2/aggs/ticker/${encodeURIComponent(request.symbol)}/range/${multiplier}/${timespan}` +
        `/${request.start}/${request.end - 1}?adjusted=${adjusted}&sort=asc&limit=${pageSize}`;
      const seen = new Set<string>();
      const rows: CanonicalRow[] = [];
      while (path !== undefined) {
        if (seen.has(path)) {
          throw new UserError(
            dataIoMessages.paginationLoop(NAME, request.symbol, redact(path, [key])),
          );
        }
        seen.add(path);
        const url = `${base}${path}${path.includes("?") ? "&" : "?"}apiKey=${encodeURIComponent(key)}`;
        const body = (await fetchJsonWithRetry(ctx, {
          symbol: request.symbol,
          url,
          secrets: [key],
          inspect: inspectBody,
          errorText,
          ...(options.signal ? { signal: options.signal } : {}),
        })) as AggsPage;
        for (const bar of body.results ?? []) rows.push(toRow(bar, request.symbol, daily));
        path = nextPath(body.next_url);
      }
      return finishRows(rows, request.start, request.end);
    },
  };
}

interface AggsPage {
  status?: unknown;
  results?: Array<Record<string, unknown>>;
  next_url?: unknown;
}

function errorText(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { error, message } = body as { error?: unknown; message?: unknown };
  const text = error ?? message;
  return typeof text === "string" ? text : undefined;
}

function inspectBody(body: unknown): BodyVerdict {
  if (typeof body !== "object" || body === null) {
    return { kind: "fail", message: "the body is not a JSON object" };
  }
  const page = body as AggsPage;
  if (typeof page.status === "string" && !OK_STATUS.has(page.status)) {
    return { kind: "fail", message: `${page.status}: ${errorText(body) ?? "no message"}` };
  }
  if (page.results !== undefined && !Array.isArray(page.results)) {
    return { kind: "fail", message: "`results` is not an array" };
  }
  return { kind: "ok" };
}

function toRow(bar: Record<string, unknown>, symbol: string, daily: boolean): CanonicalRow {
  const t = toNumber(bar.t);
  if (!Number.isFinite(t)) {
    throw new UserError(dataIoMessages.unexpectedBody(NAME, symbol, "a bar without `t`"));
  }
  return {
    timestamp: daily ? localDateAsUtcMidnight(t, ZONE) : t,
    symbol,
    open: toNumber(bar.o),
    high: toNumber(bar.h),
    low: toNumber(bar.l),
    close: toNumber(bar.c),
    volume: toNumber(bar.v),
  };
}

/** Path + query of `next_url` without any apiKey it might carry; undefined at the last page. */
function nextPath(next: unknown): string | undefined {
  if (typeof next !== "string" || next === "") return undefined;
  const url = new URL(next, "http://placeholder");
  url.searchParams.delete("apiKey");
  return `${url.pathname}${url.search}`;
}
