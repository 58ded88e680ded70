import { UserError } from "../../core/errors.js";
import { dataIoMessages } from "../../messages/data-io.js";
import type { ProviderFieldMapping, ProviderHttp } from "../../spec/types.generated.js";
import { finishRows, toNumber } from "./bar-rows.js";
import { createCallContext, resolveApiKey } from "./call-context.js";
import { envRefNames, redact, resolveEnvRefs, secretText } from "./env-ref.js";
import { fetchJsonWithRetry } from "./fetch-json.js";
import { readPath } from "./json-path.js";
import type { BarRequest, CanonicalRow, MarketDataProvider, ProviderDeps } from "./types.js";

const NAME = "http";

/**
 * A JSON-over-HTTP provider declared in the spec: a URL template
 * (`{symbol}`, `{start}`, `{end}`, `{interval}`, `{api_key}`), the dot path of
 * the rows array, a field mapping to the canonical columns, the timestamp
 * unit and, when paginated, the dot path of the next page's URL. Headers may
 * carry `${env:NAME}` secrets; next pages must stay on the template's origin
 * so secrets never travel elsewhere.
 */
export function createHttpJsonProvider(http: ProviderHttp, deps: ProviderDeps): MarketDataProvider {
  const ctx = createCallContext(NAME, http, deps);
  const template =
    http.base_url === undefined ? http.url : rebase(http.url, http.base_url.replace(/\/+$/, ""));
  const unit = http.timestamp_unit;
  return {
    name: NAME,
    identity: {
      provider: NAME,
      url: template,
      rows: http.rows,
      fields: http.fields,
      unit,
      range_format: http.range_format,
      headers: Object.keys(http.headers ?? {}).sort(),
    },
    async fetchBars(request: BarRequest, options = {}) {
      const key = http.api_key === undefined ? undefined : resolveApiKey(NAME, http.api_key, deps);
      const headers: Record<string, string> = {};
      const secrets: string[] = key === undefined ? [] : [key];
      for (const [name, secret] of Object.entries(http.headers ?? {})) {
        if (secret === undefined) continue;
        const value = secretText(secret);
        headers[name] = resolveEnvRefs(value, deps.env, `http header ${name}`);
        for (const ref of envRefNames(value)) secrets.push(deps.env[ref] ?? "");
      }
      const first = expandTemplate(template, request, http.range_format, key);
      const origin = new URL(first).origin;
      const seen = new Set<string>();
      const rows: CanonicalRow[] = [];
      let url: string | undefined = first;
      while (url !== undefined) {
        if (seen.has(url)) {
          throw new UserError(
            dataIoMessages.paginationLoop(NAME, request.symbol, redact(url, secrets)),
          );
        }
        seen.add(url);
        const body = await fetchJsonWithRetry(ctx, {
          symbol: request.symbol,
          url,
          headers,
          secrets,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        const page = readPath(body, http.rows);
        if (!Array.isArray(page)) throw new UserError(dataIoMessages.rowsNotArray(NAME, http.rows));
        page.forEach((item, i) => {
          rows.push(mapRow(item, i, http.fields, unit, request.symbol));
        });
        url =
          http.next === undefined
            ? undefined
            : nextUrl(readPath(body, http.next), url, origin, request.symbol);
      }
      return finishRows(rows, request.start, request.end);
    },
  };
}

/** Replaces the origin (and path prefix) of a URL template with `base`. */
function rebase(template: string, base: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]+(.*)$/i.exec(template);
  return m === null ? `${base}${template}` : `${base}${m[1]}`;
}

function formatInstant(ms: number, format: ProviderHttp["range_format"]): string {
  switch (format) {
    case "iso_date":
      return new Date(ms).toISOString().slice(0, 10);
    case "iso":
      return new Date(ms).toISOString();
    case "epoch_s":
      return String(Math.floor(ms / 1000));
    case "epoch_ms":
      return String(ms);
  }
}

/** The first page's URL. `{end}` is the last instant included (end − 1 ms, or the last day). */
export function expandTemplate(
  template: string,
  request: BarRequest,
  rangeFormat: ProviderHttp["range_format"],
  apiKey: string | undefined,
): string {
  const last = rangeFormat === "iso_date" ? request.end - 86_400_000 : request.end - 1;
  const values: Record<string, string | undefined> = {
    symbol: request.symbol,
    start: formatInstant(request.start, rangeFormat),
    end: formatInstant(Math.max(request.start, last), rangeFormat),
    interval: request.interval,
    api_key: apiKey,
  };
  return template.replace(/\{(symbol|start|end|interval|api_key)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new UserError(dataIoMessages.apiKeyPlaceholder(NAME));
    }
    return encodeURIComponent(value);
  });
}

function nextUrl(
  next: unknown,
  current: string,
  origin: string,
  symbol: string,
): string | undefined {
  if (typeof next !== "string" || next === "") return undefined;
  const url = new URL(next, current);
  if (url.origin !== origin) {
    throw new UserError(
      dataIoMessages.providerError(
        NAME,
        symbol,
        `the next page is on another host (${url.origin}); only ${origin} is followed`,
      ),
    );
  }
  return url.toString();
}

function mapRow(
  item: unknown,
  index: number,
  fields: ProviderFieldMapping,
  unit: ProviderHttp["timestamp_unit"],
  symbol: string,
): CanonicalRow {
  const price = (field: keyof ProviderFieldMapping): number => {
    const path = fields[field];
    if (path === undefined) return Number.NaN;
    const raw = readPath(item, path);
    if (raw === undefined)
      throw new UserError(dataIoMessages.fieldMissing(NAME, field, path, index));
    return raw === null ? Number.NaN : toNumber(raw);
  };
  const rawTime = readPath(item, fields.timestamp);
  const timestamp = parseTimestamp(rawTime, unit);
  if (timestamp === undefined) {
    throw new UserError(dataIoMessages.badTimestamp(NAME, String(rawTime), index, unit));
  }
  const row: CanonicalRow = {
    timestamp,
    symbol,
    open: price("open"),
    high: price("high"),
    low: price("low"),
    close: price("close"),
    volume: fields.volume === undefined ? Number.NaN : price("volume"),
  };
  if (fields.adj_close !== undefined) row.adj_close = price("adj_close");
  return row;
}

function parseTimestamp(raw: unknown, unit: "ms" | "s" | "iso"): number | undefined {
  if (unit === "iso") {
    if (typeof raw !== "string") return undefined;
    // A date-time without a zone designator is read as UTC, never as the machine's local time.
    const text = /^\d{4}-\d{2}-\d{2}$/.test(raw)
      ? `${raw}T00:00:00Z`
      : /(Z|[+-]\d{2}:?\d{2})$/i.test(raw)
        ? raw
        : `${raw.replace(" ", "T")}Z`;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const n = toNumber(raw);
  if (!Number.isFinite(n)) return undefined;
  return unit === "s" ? n * 1000 : n;
}
