import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  cacheKey,
  createDataCache,
  createFsCache,
  createRedisCache,
  fetchWithCache,
} from "../../../runtime/data/cache/index.js";
import {
  createProvider,
  frameToRows,
  providerSource,
} from "../../../runtime/data/providers/index.js";
import { freePort } from "../../support/redis.js";
import { fakeTimeDeps } from "../providers/fake-time.js";
import { fixture, type ReplayServer, startReplayServer } from "../providers/replay-server.js";

let server: ReplayServer;
let dir: string;
beforeEach(async () => {
  server = await startReplayServer(() => ({ body: fixture("yahoo/chart-aapl-1d.json") }));
  dir = mkdtempSync(join(tmpdir(), "drlwb-fwc-"));
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const request = {
  symbol: "AAPL",
  interval: "1d" as const,
  start: Date.UTC(2020, 0, 1),
  end: Date.UTC(2020, 0, 10),
};

function yahoo(time = fakeTimeDeps()) {
  return createProvider(
    providerSource({
      source: "yahoo",
      symbols: ["AAPL"],
      interval: "1d",
      start: "2020-01-01",
      end: "2020-01-09",
      base_url: server.url,
    }),
    time.deps,
  );
}

describe("fetchWithCache", () => {
  it("fetches once, then serves the same frame from the cache until the TTL expires", async () => {
    const time = fakeTimeDeps();
    const provider = yahoo(time);
    const cache = createFsCache({ dir, ttlMs: 3_600_000, now: time.now });
    const first = await fetchWithCache(provider, request, cache);
    const second = await fetchWithCache(provider, request, cache);
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(frameToRows(second.frame)).toEqual(frameToRows(first.frame));
    time.advance(3_600_000);
    const third = await fetchWithCache(provider, request, cache);
    expect(third.fromCache).toBe(false);
    expect(server.requests).toHaveLength(2);
  });

  it("keys by provider identity, symbol, interval and range", () => {
    const id = yahoo().identity;
    const base = cacheKey(id, request);
    expect(cacheKey(id, { ...request })).toBe(base);
    expect(cacheKey(id, { ...request, symbol: "MSFT" })).not.toBe(base);
    expect(cacheKey(id, { ...request, interval: "1h" })).not.toBe(base);
    expect(cacheKey(id, { ...request, end: request.end + 1 })).not.toBe(base);
    expect(cacheKey({ ...id, base: "https://elsewhere" }, request)).not.toBe(base);
    expect(base).toMatch(/^yahoo-AAPL-1d-[0-9a-f]{32}$/);
  });

  it("falls back to the provider, with a warning, when the Redis cache is unreachable", async () => {
    const time = fakeTimeDeps();
    const port = await freePort();
    const cache = createRedisCache({
      url: `redis://127.0.0.1:${port}`,
      ttlMs: 60_000,
      prefix: "t4:",
      connectTimeoutMs: 500,
    });
    const warnings: string[] = [];
    const result = await fetchWithCache(yahoo(time), request, cache, {
      logger: {
        log: (level, message) => level === "warn" && warnings.push(message),
        child: () => time.deps.logger,
      },
    });
    await cache.close();
    expect(result.fromCache).toBe(false);
    expect(result.frame.height).toBe(5);
    expect(warnings[0]).toMatch(
      new RegExp(`redis cache at redis://127.0.0.1:${port} is unavailable`),
    );
  });

  it("does not cache an empty result", async () => {
    await server.close();
    server = await startReplayServer(() => ({ body: fixture("yahoo/chart-empty.json") }));
    const cache = createDataCache({ backend: "fs", dir, ttl: "1h" });
    await fetchWithCache(yahoo(), request, cache);
    await fetchWithCache(yahoo(), request, cache);
    expect(server.requests).toHaveLength(2);
  });
});
