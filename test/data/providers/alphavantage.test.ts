import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../../runtime/core/errors.js";
import { loadProviderSource } from "../../../runtime/data/cache/index.js";
import { createProvider, envRef, providerSource } from "../../../runtime/data/providers/index.js";
import { fakeTimeDeps } from "./fake-time.js";
import { fixture, inOrder, type ReplayServer, startReplayServer } from "./replay-server.js";

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const KEY = "AVKEY-s3cr3t-123";
const retries = { max_attempts: 3, base_delay_ms: 1000, max_delay_ms: 60_000 };

function alphaVantage(base: string, time = fakeTimeDeps({ AV_KEY: KEY })) {
  return createProvider(
    providerSource({
      source: "alphavantage",
      symbols: ["IBM"],
      interval: "1d",
      start: "2024-01-03",
      end: "2024-01-08",
      api_key: envRef("AV_KEY"),
      base_url: base,
      retries,
    }),
    time.deps,
  );
}

const daily = {
  symbol: "IBM",
  interval: "1d" as const,
  start: Date.UTC(2024, 0, 3),
  end: Date.UTC(2024, 0, 9),
};

describe("alpha vantage provider", () => {
  it("reads TIME_SERIES_DAILY_ADJUSTED, filters the range and sorts ascending", async () => {
    server = await startReplayServer(() => ({
      body: fixture("alphavantage/daily-adjusted-ibm.json"),
    }));
    const rows = await alphaVantage(server.url).fetchBars(daily);
    expect(rows.map((r) => new Date(r.timestamp).toISOString().slice(0, 10))).toEqual([
      "2024-01-03",
      "2024-01-04",
      "2024-01-05",
      "2024-01-08",
    ]);
    expect(rows[2]).toEqual({
      timestamp: Date.UTC(2024, 0, 5),
      symbol: "IBM",
      open: 162.39,
      high: 163.29,
      low: 158.67,
      close: 159.16,
      adj_close: 157.5621,
      volume: 3879402,
    });
    const q = server.requests[0]!.query;
    expect(server.requests[0]!.path).toBe("/query");
    expect(q.get("function")).toBe("TIME_SERIES_DAILY_ADJUSTED");
    // The range starts less than ~140 days before "now" (2024-01-15): the latest 100 bars suffice.
    expect(q.get("outputsize")).toBe("compact");
    expect(q.get("apikey")).toBe(KEY);
  });

  it("asks for the full history when the range starts further back", async () => {
    server = await startReplayServer(() => ({
      body: fixture("alphavantage/daily-adjusted-ibm.json"),
    }));
    await alphaVantage(server.url).fetchBars({ ...daily, start: Date.UTC(2020, 0, 2) });
    expect(server.requests[0]!.query.get("outputsize")).toBe("full");
  });

  it("fetches intraday month by month and converts US/Eastern to UTC across the DST change", async () => {
    server = await startReplayServer((request) => ({
      body: fixture(`alphavantage/intraday-ibm-5min-${request.query.get("month")}.json`),
    }));
    const rows = await alphaVantage(server.url).fetchBars({
      symbol: "IBM",
      interval: "5m",
      start: Date.UTC(2023, 9, 31),
      end: Date.UTC(2023, 10, 7),
    });
    expect(
      server.requests.map((r) => [
        r.query.get("function"),
        r.query.get("interval"),
        r.query.get("month"),
      ]),
    ).toEqual([
      ["TIME_SERIES_INTRADAY", "5min", "2023-10"],
      ["TIME_SERIES_INTRADAY", "5min", "2023-11"],
    ]);
    expect(rows.map((r) => new Date(r.timestamp).toISOString())).toEqual([
      "2023-10-31T13:30:00.000Z", // 09:30 EDT (UTC-4)
      "2023-10-31T13:35:00.000Z",
      "2023-10-31T13:40:00.000Z",
      "2023-11-06T14:30:00.000Z", // 09:30 EST (UTC-5) after the 5 Nov change
      "2023-11-06T14:35:00.000Z",
    ]);
    expect(rows[0]).toMatchObject({ open: 141.02, close: 141.58, volume: 152735 });
    expect(rows[0]!.adj_close).toBeUndefined();
  });

  it("retries a rate-limit Note (HTTP 200) and then reads the data", async () => {
    const time = fakeTimeDeps({ AV_KEY: KEY });
    server = await startReplayServer(
      inOrder(
        { body: fixture("alphavantage/note-rate-limit.json") },
        { body: fixture("alphavantage/daily-adjusted-ibm.json") },
      ),
    );
    const rows = await alphaVantage(server.url, time).fetchBars(daily);
    expect(rows).toHaveLength(4);
    expect(server.requests).toHaveLength(2);
    expect(time.sleeps).toHaveLength(1);
  });

  it("gives up on a persisting rate-limit Information body with a message saying so", async () => {
    server = await startReplayServer(() => ({
      body: fixture("alphavantage/information-rate-limit.json"),
    }));
    const error = await alphaVantage(server.url)
      .fetchBars(daily)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /alphavantage: request for IBM still failing after 3 attempts \(last: rate limited: .*25 requests per day/,
    );
    expect(server.requests).toHaveLength(3);
  });

  it("fails at once on an Error Message or a premium-endpoint Information body", async () => {
    server = await startReplayServer(() => ({ body: fixture("alphavantage/error-message.json") }));
    const error = await alphaVantage(server.url)
      .fetchBars(daily)
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^alphavantage: request for IBM was rejected: Invalid API call/,
    );
    expect(server.requests).toHaveLength(1);
    await server.close();

    server = await startReplayServer(() => ({
      body: fixture("alphavantage/information-premium.json"),
    }));
    const premium = await alphaVantage(server.url)
      .fetchBars(daily)
      .catch((e: unknown) => e);
    expect((premium as Error).message).toMatch(/This is a premium endpoint/);
    expect(server.requests).toHaveLength(1);
  });

  it("never puts the API key in messages or logs", async () => {
    const time = fakeTimeDeps({ AV_KEY: KEY });
    server = await startReplayServer(() => ({ status: 500, body: `{"error":"boom for ${KEY}"}` }));
    const error = await alphaVantage(server.url, time)
      .fetchBars(daily)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    const everything = JSON.stringify(time.logs) + (error as Error).message;
    expect(everything).not.toContain(KEY);
    expect(JSON.stringify(time.logs)).toContain("apikey=***");
  });

  it("names the environment variable when the key is missing, without calling the server", async () => {
    server = await startReplayServer(() => ({ body: "{}" }));
    const error = await alphaVantage(server.url, fakeTimeDeps({}))
      .fetchBars(daily)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/environment variable AV_KEY is not set/);
    expect(server.requests).toHaveLength(0);
  });

  it("rejects intervals Alpha Vantage does not serve", async () => {
    server = await startReplayServer(() => ({ body: "{}" }));
    const error = await alphaVantage(server.url)
      .fetchBars({ ...daily, interval: "1w" })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /does not serve interval "1w"; valid intervals: 1m, 5m, 15m, 30m, 1h, 1d/,
    );
  });
});

describe("alpha vantage rate limit across symbols", () => {
  it("paces seven symbols at the free tier's default 5 requests per minute", async () => {
    server = await startReplayServer(() => ({
      body: fixture("alphavantage/daily-adjusted-ibm.json"),
    }));
    const time = fakeTimeDeps({ AV_KEY: KEY });
    const started = time.now();
    const result = await loadProviderSource(
      providerSource({
        source: "alphavantage",
        symbols: ["IBM", "MSFT", "AAPL", "KO", "PEP", "XOM", "CVX"],
        interval: "1d",
        start: "2024-01-03",
        end: "2024-01-08",
        api_key: envRef("AV_KEY"),
        base_url: server.url,
        cache: { backend: "none" },
      }),
      { deps: time.deps },
    );
    expect(server.requests).toHaveLength(7);
    expect(result.symbols.map((s) => s.rows)).toEqual([4, 4, 4, 4, 4, 4, 4]);
    // A burst of 5, then one token every 12 s: the 7th request goes out 24 s later.
    expect(time.now() - started).toBe(24_000);
    expect(time.sleeps).toEqual([12_000, 12_000]);
  });
});
