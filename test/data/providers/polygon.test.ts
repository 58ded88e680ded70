import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../../runtime/core/errors.js";
import { createProvider, envRef, providerSource } from "../../../runtime/data/providers/index.js";
import { fakeTimeDeps } from "./fake-time.js";
import { fixture, inOrder, type ReplayServer, startReplayServer } from "./replay-server.js";

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const KEY = "pk_test_9f8e7d";
const request = {
  symbol: "AAPL",
  interval: "1d" as const,
  start: Date.UTC(2020, 0, 1),
  end: Date.UTC(2020, 0, 11),
};

function polygon(base: string, time = fakeTimeDeps({ POLY: KEY })) {
  return createProvider(
    providerSource({
      source: "polygon",
      symbols: ["AAPL"],
      interval: "1d",
      start: "2020-01-01",
      end: "2020-01-10",
      api_key: envRef("POLY"),
      base_url: base,
      page_size: 3,
      retries: { max_attempts: 3, base_delay_ms: 200, max_delay_ms: 20_000 },
    }),
    time.deps,
  );
}

describe("polygon aggregates provider", () => {
  it("follows next_url through full and partial pages, on the configured host, with the key", async () => {
    server = await startReplayServer((r) => {
      const page =
        r.query.get("cursor") === null ? 1 : r.query.get("cursor")!.endsWith("PTI") ? 2 : 3;
      return { body: fixture(`polygon/aggs-aapl-day-page${page}.json`) };
    });
    const rows = await polygon(server.url).fetchBars(request);
    expect(server.requests).toHaveLength(3);
    expect(server.requests[0]!.path).toBe(
      `/v2/aggs/ticker/AAPL/range/1/day/${request.start}/${request.end - 1}`,
    );
    expect(server.requests[0]!.query.get("limit")).toBe("3");
    expect(server.requests[0]!.query.get("sort")).toBe("asc");
    expect(server.requests.every((r) => r.query.get("apiKey") === KEY)).toBe(true);
    expect(server.requests[2]!.path).toBe(
      "/v2/aggs/ticker/AAPL/range/1/day/1578632400000/1578700799999",
    );
    expect(rows.map((r) => new Date(r.timestamp).toISOString().slice(0, 10))).toEqual([
      "2020-01-02",
      "2020-01-03",
      "2020-01-06",
      "2020-01-07",
      "2020-01-08",
      "2020-01-09",
      "2020-01-10",
    ]);
    expect(rows[6]).toEqual({
      timestamp: Date.UTC(2020, 0, 10),
      symbol: "AAPL",
      open: 77.65,
      high: 78.1675,
      low: 77.0625,
      close: 77.5825,
      volume: 140869096,
    });
  });

  it("returns no rows when Polygon has no results", async () => {
    server = await startReplayServer(() => ({ body: fixture("polygon/aggs-empty.json") }));
    expect(await polygon(server.url).fetchBars({ ...request, symbol: "ZZZZ" })).toEqual([]);
  });

  it("retries a 429 with its JSON error body, honouring Retry-After", async () => {
    const time = fakeTimeDeps({ POLY: KEY });
    server = await startReplayServer(
      inOrder(
        {
          status: 429,
          headers: { "retry-after": "12" },
          body: fixture("polygon/too-many-requests.json"),
        },
        { body: fixture("polygon/aggs-aapl-day-page3.json") },
      ),
    );
    const rows = await polygon(server.url, time).fetchBars(request);
    expect(rows).toHaveLength(1);
    expect(time.sleeps[0]).toBe(12_000);
    expect(String(time.logs.find((l) => l.level === "warn")?.fields?.reason)).toMatch(
      /HTTP 429 You've exceeded/,
    );
  });

  it("explains a 401 without leaking the key", async () => {
    server = await startReplayServer(() => ({
      status: 401,
      body: fixture("polygon/unknown-api-key.json"),
    }));
    const error = await polygon(server.url)
      .fetchBars(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /polygon: request for AAPL was refused \(HTTP 401: Unknown API Key\); check the api_key/,
    );
    expect((error as Error).message).not.toContain(KEY);
  });

  it("fails on a NOT_AUTHORIZED status body", async () => {
    server = await startReplayServer(() => ({ body: fixture("polygon/not-authorized.json") }));
    const error = await polygon(server.url)
      .fetchBars(request)
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /polygon: request for AAPL was rejected: NOT_AUTHORIZED: Your plan doesn't include/,
    );
  });

  it("stops a pagination loop", async () => {
    const looping = fixture("polygon/aggs-aapl-day-page1.json").replace(
      /"next_url": "[^"]*"/,
      `"next_url": "https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/day/${request.start}/${request.end - 1}?adjusted=true&sort=asc&limit=3"`,
    );
    server = await startReplayServer(() => ({ body: looping }));
    const error = await polygon(server.url)
      .fetchBars(request)
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/returned a page URL seen before/);
    expect(server.requests).toHaveLength(1);
  });
});
