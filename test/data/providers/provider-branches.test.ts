import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isUserError } from "../../../runtime/core/errors.js";
import { envRef, providerSource } from "../../../runtime/data/providers/index.js";
import { loadSpec } from "../../../runtime/spec/index.js";

/**
 * Each provider has its own branch of provider.schema.json: a resolved source
 * lists only the keys that provider reads, with that provider's defaults (the
 * values the provider code used to restate: Yahoo 60 requests/60 s in bursts
 * of 5, Alpha Vantage and Polygon 5/60 s, http 10/s; 5 attempts from 500 ms
 * up to 30 s; 30 s timeout; an fs cache kept 1 day).
 */
const range = { symbols: ["SPY"], start: "2020-01-01", end: "2020-01-31" };
const common = {
  ...range,
  interval: "1d",
  retries: { max_attempts: 5, base_delay_ms: 500, max_delay_ms: 30_000 },
  timeout_ms: 30_000,
  cache: { backend: "fs", ttl: "1d" },
};
const fields = { timestamp: "t", open: "o", high: "h", low: "l", close: "c" };

function problems(value: unknown): string[] {
  try {
    providerSource(value);
  } catch (error) {
    if (isUserError(error)) return error.diagnostics.map((d) => `${d.path} ${d.message}`);
    throw error;
  }
  return [];
}

describe("provider sources: one branch per provider", () => {
  it.each([
    [
      "yahoo",
      { source: "yahoo", ...range },
      { rate_limit: { requests: 60, per_seconds: 60, burst: 5 } },
    ],
    [
      "alphavantage",
      { source: "alphavantage", ...range, api_key: envRef("AV") },
      { rate_limit: { requests: 5, per_seconds: 60 }, adjusted: true },
    ],
    [
      "polygon",
      { source: "polygon", ...range, api_key: envRef("POLY") },
      { rate_limit: { requests: 5, per_seconds: 60 }, adjusted: true, page_size: 50_000 },
    ],
    [
      "http",
      { source: "http", ...range, url: "https://bars.example.com/{symbol}", rows: "", fields },
      {
        rate_limit: { requests: 10, per_seconds: 1 },
        range_format: "iso_date",
        timestamp_unit: "ms",
      },
    ],
  ])("%s lists only its own keys, with its defaults", (_name, given, own) => {
    expect(providerSource(given)).toStrictEqual({ ...given, ...common, ...own });
  });

  it("refuses a key another provider reads, naming the key", () => {
    expect(problems({ source: "yahoo", ...range, api_key: envRef("K") })).toEqual([
      '/data/api_key unknown key "api_key"',
    ]);
    expect(
      problems({ source: "alphavantage", ...range, api_key: envRef("K"), page_size: 10 }),
    ).toEqual(['/data/page_size unknown key "page_size"']);
    expect(problems({ source: "polygon", ...range, api_key: envRef("K"), rows: "data" })).toEqual([
      '/data/rows unknown key "rows"',
    ]);
  });

  it("explains a failed branch from that branch alone (its own keys are not called unknown)", () => {
    expect(problems({ source: "polygon", ...range })).toEqual([
      '/data/api_key missing required key "api_key"',
    ]);
    expect(problems({ source: "yahoo", ...range, timeout_ms: 5 })).toEqual([
      "/data/timeout_ms must be >= 100, got 5",
    ]);
    const unknown = problems({ source: "yahooo", ...range });
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(/^\/data\/source unknown data source "yahooo"/);
  });

  it("a cache lists only its backend's keys, with their defaults", () => {
    const cacheOf = (cache: unknown) => providerSource({ source: "yahoo", ...range, cache }).cache;
    expect(cacheOf({ backend: "fs", dir: "cache" })).toStrictEqual({
      backend: "fs",
      dir: "cache",
      ttl: "1d",
    });
    expect(cacheOf({ backend: "redis", url: envRef("REDIS_URL") })).toStrictEqual({
      backend: "redis",
      url: envRef("REDIS_URL"),
      ttl: "1d",
      prefix: "drlwb:data:",
    });
    expect(cacheOf({ backend: "none" })).toStrictEqual({ backend: "none" });
    expect(problems({ source: "yahoo", ...range, cache: { backend: "fs", prefix: "x:" } })).toEqual(
      ['/data/cache/prefix unknown key "prefix"'],
    );
  });

  it("the generated types have one member per provider, without the others' keys", () => {
    const generated = readFileSync("runtime/spec/types.generated.ts", "utf8");
    expect(generated).toMatch(
      /export type ProviderSource = \(\s*ProviderYahoo \| ProviderAlphavantage \| ProviderPolygon \| ProviderHttp\s*\)/,
    );
    const yahoo = /export type ProviderYahoo = ProviderCommon & \{([\s\S]*?)\n\};/.exec(generated);
    expect(yahoo?.[1]).toMatch(/rate_limit: ProviderRateLimit;/);
    expect(yahoo?.[1]).not.toMatch(/\b(api_key|adjusted|page_size|url|rows|fields)\??:/);
    expect(generated).toMatch(
      /export type ProviderCache = ProviderCacheFs \| ProviderCacheRedis \| ProviderCacheNone;/,
    );
  });
});

describe("a loaded spec's provider source", () => {
  const dir = mkdtempSync(join(tmpdir(), "drlwb-provider-branches-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("holds its provider's defaults, recorded as defaults, and nothing of the other providers", () => {
    const file = join(dir, "data.yaml");
    writeFileSync(
      file,
      [
        "kind: data",
        "source: polygon",
        "symbols: [AAPL]",
        "start: 2020-01-01",
        "end: 2020-01-31",
        `api_key: ${envRef("DRLWB_TEST_POLYGON_KEY")}`,
        "cache: { backend: none }",
        "",
      ].join("\n"),
    );
    const result = loadSpec(file, { environ: { DRLWB_TEST_POLYGON_KEY: "k" } });
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
    expect(result.spec).toMatchObject({
      source: "polygon",
      rate_limit: { requests: 5, per_seconds: 60 },
      adjusted: true,
      page_size: 50_000,
      timeout_ms: 30_000,
      cache: { backend: "none" },
    });
    for (const key of ["url", "rows", "fields", "range_format", "timestamp_unit", "headers"])
      expect(result.spec).not.toHaveProperty(key);
    expect(result.provenance["/page_size"]).toBe("default");
    expect(result.provenance["/rate_limit/requests"]).toBe("default");
    expect(result.provenance["/source"]).toBe("user");
    expect(JSON.stringify(result.spec)).not.toContain('"k"');
  });
});
