import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../../runtime/core/errors.js";
import { createProvider, providerSource } from "../../../runtime/data/providers/index.js";
import { fakeTimeDeps } from "./fake-time.js";
import { fixture, inOrder, type ReplayServer, startReplayServer } from "./replay-server.js";

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const jan = (day: number) => Date.UTC(2020, 0, day);
const retries = { max_attempts: 3, base_delay_ms: 100, max_delay_ms: 5000 };

function yahoo(base: string, deps = fakeTimeDeps().deps) {
  return createProvider(
    providerSource({
      source: "yahoo",
      symbols: ["AAPL"],
      interval: "1d",
      start: "2020-01-01",
      end: "2020-01-10",
      base_url: base,
      retries,
    }),
    deps,
  );
}

describe("yahoo chart provider", () => {
  it("reads the v8 chart format: daily bars at their exchange date, adj close, placeholder bars dropped", async () => {
    server = await startReplayServer(() => ({ body: fixture("yahoo/chart-aapl-1d.json") }));
    const rows = await yahoo(server.url).fetchBars({
      symbol: "AAPL",
      interval: "1d",
      start: jan(1),
      end: jan(10),
    });
    expect(rows.map((r) => new Date(r.timestamp).toISOString().slice(0, 10))).toEqual([
      "2020-01-02",
      "2020-01-03",
      "2020-01-06",
      "2020-01-07",
      "2020-01-08",
    ]);
    expect(rows[0]).toMatchObject({ symbol: "AAPL", open: 74.05999755859375, close: 75.0875 });
    expect(rows[0]!.adj_close).toBeCloseTo(73.05997467041016, 12);
    expect(rows[4]!.volume).toBe(132079200);
    const request = server.requests[0]!;
    expect(request.path).toBe("/v8/finance/chart/AAPL");
    expect(request.query.get("period1")).toBe(String(jan(1) / 1000));
    expect(request.query.get("period2")).toBe(String(jan(10) / 1000));
    expect(request.query.get("interval")).toBe("1d");
  });

  it("splits a long 1m range into 7-day windows and joins the pages", async () => {
    server = await startReplayServer((request) => {
      const p1 = Number(request.query.get("period1"));
      return {
        body: fixture(
          `yahoo/chart-msft-1m-${p1 < Date.UTC(2024, 0, 8) / 1000 ? "week1" : "week2"}.json`,
        ),
      };
    });
    const rows = await yahoo(server.url).fetchBars({
      symbol: "MSFT",
      interval: "1m",
      start: Date.UTC(2024, 0, 1),
      end: Date.UTC(2024, 0, 11),
    });
    expect(server.requests.map((r) => [r.query.get("period1"), r.query.get("period2")])).toEqual([
      [String(Date.UTC(2024, 0, 1) / 1000), String(Date.UTC(2024, 0, 8) / 1000)],
      [String(Date.UTC(2024, 0, 8) / 1000), String(Date.UTC(2024, 0, 11) / 1000)],
    ]);
    expect(rows.map((r) => r.timestamp / 1000)).toEqual([
      1704205800, 1704205860, 1704205920, 1704810600, 1704810660,
    ]);
    expect(rows.every((r) => r.adj_close === undefined)).toBe(true);
  });

  it("returns no rows for an empty chart result", async () => {
    server = await startReplayServer(() => ({ body: fixture("yahoo/chart-empty.json") }));
    const rows = await yahoo(server.url).fetchBars({
      symbol: "AAPL",
      interval: "1d",
      start: jan(1),
      end: jan(10),
    });
    expect(rows).toEqual([]);
  });

  it("turns a 404 chart error into a UserError naming provider, symbol and Yahoo's reason", async () => {
    server = await startReplayServer(() => ({
      status: 404,
      body: fixture("yahoo/chart-not-found.json"),
    }));
    const error = await yahoo(server.url)
      .fetchBars({ symbol: "NOPE", interval: "1d", start: jan(1), end: jan(10) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /yahoo: no data for symbol "NOPE".*symbol may be delisted/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it("waits out a 429 Retry-After, then succeeds", async () => {
    const time = fakeTimeDeps();
    server = await startReplayServer(
      inOrder(
        { status: 429, headers: { "retry-after": "3" }, body: "Too Many Requests" },
        { body: fixture("yahoo/chart-aapl-1d.json") },
      ),
    );
    const rows = await yahoo(server.url, time.deps).fetchBars({
      symbol: "AAPL",
      interval: "1d",
      start: jan(1),
      end: jan(10),
    });
    expect(rows).toHaveLength(5);
    expect(time.sleeps[0]).toBeGreaterThanOrEqual(3000);
    expect(
      time.logs.some((l) => l.level === "warn" && String(l.fields?.reason).includes("429")),
    ).toBe(true);
  });

  it("retries 5xx and malformed JSON with backoff, then gives up with a clear message", async () => {
    const time = fakeTimeDeps();
    server = await startReplayServer(
      inOrder(
        { status: 502, body: "<html>Bad Gateway</html>" },
        { body: fixture("yahoo/chart-truncated.txt") },
        { status: 503, body: "" },
      ),
    );
    const error = await yahoo(server.url, time.deps)
      .fetchBars({ symbol: "AAPL", interval: "1d", start: jan(1), end: jan(10) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /yahoo: request for AAPL still failing after 3 attempts \(last: HTTP 503\)/,
    );
    expect(server.requests).toHaveLength(3);
    // Equal-jitter exponential backoff: retry k waits in [b·2^k/2, b·2^k).
    expect(time.sleeps).toHaveLength(2);
    expect(time.sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(time.sleeps[0]).toBeLessThan(100);
    expect(time.sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(time.sleeps[1]).toBeLessThan(200);
    const reasons = time.logs
      .filter((l) => l.level === "warn")
      .map((l) => String(l.fields?.reason));
    expect(reasons).toEqual([
      "HTTP 502",
      expect.stringMatching(/^the response is not valid JSON \(starts with: "\{\\"chart/),
    ]);
  });

  it("recovers when a malformed body is followed by a good one", async () => {
    server = await startReplayServer(
      inOrder(
        { body: fixture("yahoo/chart-truncated.txt") },
        { body: fixture("yahoo/chart-aapl-1d.json") },
      ),
    );
    const rows = await yahoo(server.url).fetchBars({
      symbol: "AAPL",
      interval: "1d",
      start: jan(1),
      end: jan(10),
    });
    expect(rows).toHaveLength(5);
  });
});
