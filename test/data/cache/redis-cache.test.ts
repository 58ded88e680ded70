import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRedisCache,
  loadProviderSource,
  redactRedisUrl,
} from "../../../runtime/data/cache/index.js";
import {
  envRef,
  frameToRows,
  providerSource,
  rowsToFrame,
} from "../../../runtime/data/providers/index.js";
import { type RedisInstance, startRedis } from "../../support/redis.js";
import { fakeTimeDeps } from "../providers/fake-time.js";
import { fixture, type ReplayServer, startReplayServer } from "../providers/replay-server.js";

let redis: RedisInstance;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const frame = rowsToFrame([
  {
    timestamp: Date.UTC(2020, 0, 2),
    symbol: "SPY",
    open: 323.54,
    high: 324.89,
    low: 322.53,
    close: 324.87,
    volume: 59151200,
  },
  {
    timestamp: Date.UTC(2020, 0, 3),
    symbol: "SPY",
    open: 321.16,
    high: 323.64,
    low: 321.1,
    close: 322.41,
    volume: 77709700,
  },
]);
const info = { provider: "polygon", symbol: "SPY", interval: "1d", start: 0, end: 1, rows: 2 };

describe("redis cache (real redis-server)", () => {
  it("stores Parquet bytes with a TTL and reads the same frame back", async () => {
    const cache = createRedisCache({ url: redis.url, ttlMs: 60_000, prefix: "t1:" });
    await cache.set("k", frame, info);
    const hit = await cache.get("k");
    expect(hit).toBeDefined();
    expect(frameToRows(hit!.frame)).toEqual(frameToRows(frame));
    const probe = new Redis(redis.url);
    const pttl = await probe.pttl("t1:k:parquet");
    const bytes = await probe.getBuffer("t1:k:parquet");
    probe.disconnect();
    expect(pttl).toBeGreaterThan(55_000);
    expect(pttl).toBeLessThanOrEqual(60_000);
    expect(bytes!.subarray(0, 4).toString()).toBe("PAR1");
    await cache.delete("k");
    expect(await cache.get("k")).toBeUndefined();
    await cache.close();
  });

  it("lets Redis expire entries", async () => {
    const cache = createRedisCache({ url: redis.url, ttlMs: 150, prefix: "t2:" });
    await cache.set("k", frame, info);
    expect(await cache.get("k")).toBeDefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(await cache.get("k")).toBeUndefined();
    await cache.close();
  });

  it("serves a multi-symbol provider source from Redis on the second load", async () => {
    let server: ReplayServer | undefined;
    try {
      server = await startReplayServer(() => ({ body: fixture("yahoo/chart-aapl-1d.json") }));
      const config = providerSource({
        source: "yahoo",
        symbols: ["AAPL", "AAPL.X"],
        interval: "1d",
        start: "2020-01-01",
        end: "2020-01-09",
        base_url: server.url,
        cache: {
          backend: "redis",
          url: envRef("TEST_REDIS_URL"),
          ttl: "10m",
          prefix: "t3:",
        },
      });
      const time = fakeTimeDeps({ TEST_REDIS_URL: redis.url });
      const first = await loadProviderSource(config, { deps: time.deps });
      const second = await loadProviderSource(config, { deps: time.deps });
      expect(server.requests).toHaveLength(2);
      expect(first.symbols.map((s) => s.fromCache)).toEqual([false, false]);
      expect(second.symbols.map((s) => s.fromCache)).toEqual([true, true]);
      expect(second.frame.height).toBe(10);
      expect(second.frame.getColumn("symbol").unique().sort().toArray()).toEqual([
        "AAPL",
        "AAPL.X",
      ]);
      expect(frameToRows(second.frame)).toEqual(frameToRows(first.frame));
    } finally {
      await server?.close();
    }
  });

  it("redacts passwords in the cache location", () => {
    expect(redactRedisUrl("redis://user:hunter2@10.0.0.1:6379/0")).toBe(
      "redis://user:***@10.0.0.1:6379/0",
    );
  });
});
