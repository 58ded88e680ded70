import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../../runtime/core/errors.js";
import {
  createProvider,
  envRef,
  type ProviderSource,
  providerSource,
} from "../../../runtime/data/providers/index.js";
import { fakeTimeDeps } from "./fake-time.js";
import { fixture, inOrder, type ReplayServer, startReplayServer } from "./replay-server.js";

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOKEN = "tok-0123456789";
const request = {
  symbol: "BTC-USD",
  interval: "1h" as const,
  start: Date.UTC(2024, 2, 1),
  end: Date.UTC(2024, 2, 2),
};

function config(base: string, extra: Record<string, unknown> = {}): ProviderSource {
  return providerSource({
    source: "http",
    symbols: ["BTC-USD"],
    interval: "1h",
    start: "2024-03-01",
    end: "2024-03-01",
    url: `${base}/api/v1/bars/{symbol}?from={start}&to={end}&tf={interval}`,
    rows: "data.bars",
    fields: { timestamp: "time", open: "o", high: "h", low: "l", close: "c", volume: "vol" },
    timestamp_unit: "iso",
    next: "meta.next",
    headers: { authorization: `Bearer ${envRef("BARS_TOKEN")}` },
    retries: { max_attempts: 3, base_delay_ms: 10, max_delay_ms: 1000 },
    ...extra,
  });
}

describe("custom HTTP/JSON provider", () => {
  it("expands the URL template, maps fields, follows the next-page path and sends resolved headers", async () => {
    server = await startReplayServer((r) => ({
      body: fixture(
        r.query.get("cursor") === "c2" ? "http/bars-page2.json" : "http/bars-page1.json",
      ),
    }));
    const rows = await createProvider(
      config(server.url),
      fakeTimeDeps({ BARS_TOKEN: TOKEN }).deps,
    ).fetchBars(request);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/api/v1/bars/BTC-USD?from=2024-03-01&to=2024-03-01&tf=1h",
      "/api/v1/bars/BTC-USD?cursor=c2",
    ]);
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      timestamp: Date.UTC(2024, 2, 1, 0),
      symbol: "BTC-USD",
      open: 61130.98,
      high: 61682.65,
      low: 60986.47,
      close: 61577.49,
      volume: 1285.44,
    });
    // A null volume stays missing (NaN), it is not filled.
    expect(rows[2]!.volume).toBeNaN();
  });

  it("retries a 503 and uses base_url to re-home the template", async () => {
    server = await startReplayServer(
      inOrder({ status: 503, body: "busy" }, { body: fixture("http/bars-page2.json") }),
    );
    const provider = createProvider(
      config("https://bars.example.com", { base_url: server.url, next: undefined }),
      fakeTimeDeps({ BARS_TOKEN: TOKEN }).deps,
    );
    const rows = await provider.fetchBars(request);
    expect(rows).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it("explains a wrong rows path, a missing field and a bad timestamp", async () => {
    server = await startReplayServer(() => ({ body: fixture("http/bars-page2.json") }));
    const deps = fakeTimeDeps({ BARS_TOKEN: TOKEN }).deps;
    const wrongRows = await createProvider(
      config(server.url, { rows: "bars", next: undefined }),
      deps,
    )
      .fetchBars(request)
      .catch((e: unknown) => e);
    expect(wrongRows).toBeInstanceOf(UserError);
    expect((wrongRows as Error).message).toMatch(/no array of rows at "bars"/);
    const missing = await createProvider(
      config(server.url, {
        next: undefined,
        fields: { timestamp: "time", open: "open", high: "h", low: "l", close: "c" },
      }),
      deps,
    )
      .fetchBars(request)
      .catch((e: unknown) => e);
    expect((missing as Error).message).toMatch(
      /row 0 has no usable value for open at "open"; check fields.open/,
    );
    const badTime = await createProvider(
      config(server.url, { next: undefined, timestamp_unit: "ms" }),
      deps,
    )
      .fetchBars(request)
      .catch((e: unknown) => e);
    expect((badTime as Error).message).toMatch(
      /row 0 has timestamp "2024-03-01T02:00:00Z", which is not a valid ms timestamp/,
    );
  });

  it("refuses to follow a next page to another host (secrets stay on the configured origin)", async () => {
    server = await startReplayServer(() => ({
      body: fixture("http/bars-page1.json").replace(
        "/api/v1/bars/BTC-USD?cursor=c2",
        "http://127.0.0.2:1/steal",
      ),
    }));
    const error = await createProvider(config(server.url), fakeTimeDeps({ BARS_TOKEN: TOKEN }).deps)
      .fetchBars(request)
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /the next page is on another host \(http:\/\/127\.0\.0\.2:1\)/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it("is chosen by name; an unknown source gets a did-you-mean", () => {
    // An unvalidated source (a JavaScript caller): the registry still names the valid ones.
    expect(() =>
      createProvider({
        ...config("http://127.0.0.1:1"),
        source: "yahooo",
      } as unknown as ProviderSource),
    ).toThrow(
      /unknown data source "yahooo"; did you mean "yahoo"\? Valid sources: alphavantage, http, polygon, yahoo/,
    );
  });
});
