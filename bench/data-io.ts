/**
 * npm run bench -- data-io
 * 1) Providers: a Polygon-format feed of 40 pages × 5,000 bars from a local
 *    HTTP server (127.0.0.1), followed through next_url: bars per second.
 * 2) Cache: a 200,000-row canonical frame written and read through the
 *    filesystem cache (Parquet) and a real redis-server started here.
 * 3) Streaming: 1,000,000 synthetic ticks aggregated into 1-minute bars with
 *    10 incremental indicators (ticks/s), and 20,000 eurusd_h1 ticks over a
 *    loopback websocket into bars with features (messages/s).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng } from "../runtime/core/rng.js";
import { createFsCache, createRedisCache, type DataCache } from "../runtime/data/cache/index.js";
import { featureSpecs } from "../runtime/data/features/feature-specs.js";
import {
  type CanonicalRow,
  createProvider,
  envRef,
  providerSource,
  rowsToFrame,
} from "../runtime/data/providers/index.js";
import {
  connectStream,
  createStreamProcessor,
  type MarketEvent,
} from "../runtime/data/streaming/index.js";
import { tickMessages } from "../test/data/streaming/csv-stream.js";
import { startReplayWsServer } from "../test/data/streaming/replay-ws-server.js";
import { readOhlcvCsv } from "../test/support/csv-panel.js";
import { startRedis } from "../test/support/redis.js";

const TEN = featureSpecs([
  { type: "log_return" },
  { type: "sma", window: 20 },
  { type: "ema", window: 20 },
  { type: "wma", window: 10 },
  { type: "rsi", window: 14 },
  { type: "macd" },
  { type: "bollinger", window: 20 },
  { type: "atr", window: 14 },
  { type: "volatility", window: 20 },
  { type: "zscore", window: 20 },
]);

async function providerBench(): Promise<{ bars: number; ms: number }> {
  const PAGES = 40;
  const PER_PAGE = 5000;
  const start = Date.UTC(2020, 0, 1);
  const pages = Array.from({ length: PAGES }, (_, p) =>
    JSON.stringify({
      status: "OK",
      ticker: "BENCH",
      resultsCount: PER_PAGE,
      results: Array.from({ length: PER_PAGE }, (_, i) => {
        const t = start + (p * PER_PAGE + i) * 60_000;
        return { t, o: 100 + i * 1e-3, h: 101, l: 99, c: 100.5, v: 1000 + i, vw: 100.2, n: 7 };
      }),
      ...(p + 1 < PAGES ? { next_url: `https://api.polygon.io/v2/next?cursor=${p + 1}` } : {}),
    }),
  );
  const server = createServer((req, res) => {
    const cursor = Number(new URL(req.url ?? "/", "http://x").searchParams.get("cursor") ?? 0);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(pages[cursor]);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = createProvider(
    providerSource({
      source: "polygon",
      symbols: ["BENCH"],
      interval: "1m",
      start: "2020-01-01",
      end: "2020-12-31",
      api_key: envRef("BENCH_KEY"),
      base_url: base,
      rate_limit: { requests: 1e6, per_seconds: 1 },
    }),
    { env: { BENCH_KEY: "k" } },
  );
  const t0 = performance.now();
  const rows = await provider.fetchBars({
    symbol: "BENCH",
    interval: "1m",
    start,
    end: start + PAGES * PER_PAGE * 60_000,
  });
  const ms = performance.now() - t0;
  server.close();
  return { bars: rows.length, ms };
}

async function cacheBench(
  cache: DataCache,
  rows: CanonicalRow[],
): Promise<{ setMs: number; getMs: number }> {
  const frame = rowsToFrame(rows);
  const info = {
    provider: "bench",
    symbol: "BENCH",
    interval: "1m",
    start: 0,
    end: 1,
    rows: rows.length,
  };
  const t0 = performance.now();
  await cache.set("bench", frame, info);
  const t1 = performance.now();
  const hit = await cache.get("bench");
  const t2 = performance.now();
  if (hit?.frame.height !== rows.length) throw new Error("cache round trip lost rows");
  return { setMs: t1 - t0, getMs: t2 - t1 };
}

function syntheticTicks(n: number): MarketEvent[] {
  const rng = createRng(11);
  let price = 100;
  const ticks: MarketEvent[] = new Array(n);
  for (let i = 0; i < n; i++) {
    price *= 1 + 2e-4 * rng.normal();
    ticks[i] = { type: "tick", symbol: "SYN", ts: i * 6000, price, size: 1 + rng.int(100) };
  }
  return ticks;
}

async function main(): Promise<void> {
  const provider = await providerBench();
  console.log(`providers: ${provider.bars} bars over 40 pages in ${provider.ms.toFixed(0)} ms`);

  const rng = createRng(5);
  const rows: CanonicalRow[] = Array.from({ length: 200_000 }, (_, i) => ({
    timestamp: Date.UTC(2020, 0, 1) + i * 60_000,
    symbol: "BENCH",
    open: 100 + rng.normal(),
    high: 101 + rng.normal(),
    low: 99 + rng.normal(),
    close: 100 + rng.normal(),
    volume: rng.int(10_000),
  }));
  const dir = mkdtempSync(join(tmpdir(), "drlwb-bench-cache-"));
  const fs = await cacheBench(createFsCache({ dir, ttlMs: 60_000 }), rows);
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `fs cache, 200000 rows: set ${fs.setMs.toFixed(1)} ms, get ${fs.getMs.toFixed(1)} ms`,
  );
  const redis = await startRedis();
  const redisCache = createRedisCache({ url: redis.url, ttlMs: 60_000, prefix: "drlwb:data:" });
  const rd = await cacheBench(redisCache, rows);
  await redisCache.close();
  await redis.stop();
  console.log(
    `redis cache, 200000 rows: set ${rd.setMs.toFixed(1)} ms, get ${rd.getMs.toFixed(1)} ms`,
  );

  const ticks = syntheticTicks(1_000_000);
  const processor = createStreamProcessor({ features: TEN, interval: "1m", symbols: ["SYN"] });
  const t0 = performance.now();
  let bars = 0;
  for (const tick of ticks) bars += processor.push(tick).length;
  bars += processor.flush().length;
  const streamMs = performance.now() - t0;
  console.log(
    `stream processor: 1000000 ticks → ${bars} 1m bars with 10 indicators in ${streamMs.toFixed(0)} ms`,
  );

  const panel = readOhlcvCsv("eurusd_hourly_2017_2018_backtestingpy.csv", "EURUSD");
  const server = await startReplayWsServer({ messages: tickMessages(panel), batch: 500 });
  const wsProcessor = createStreamProcessor({ features: TEN, interval: "1h", symbols: ["EURUSD"] });
  const t1 = performance.now();
  const summary = await connectStream({
    url: server.url,
    symbols: ["EURUSD"],
    onEvent: (e) => wsProcessor.push(e),
  }).done;
  const wsMs = performance.now() - t1;
  await server.close();
  console.log(
    `websocket: ${summary.events} ticks over loopback into bars + features in ${wsMs.toFixed(0)} ms`,
  );

  console.log(
    JSON.stringify({
      providerBars: provider.bars,
      providerBarsPerSecond: Math.round(provider.bars / (provider.ms / 1000)),
      fsCacheSetMs: Number(fs.setMs.toFixed(1)),
      fsCacheGetMs: Number(fs.getMs.toFixed(1)),
      redisCacheSetMs: Number(rd.setMs.toFixed(1)),
      redisCacheGetMs: Number(rd.getMs.toFixed(1)),
      cacheRows: rows.length,
      streamTicks: ticks.length,
      streamBars: bars,
      streamTicksPerSecond: Math.round(ticks.length / (streamMs / 1000)),
      websocketTicks: summary.events,
      websocketTicksPerSecond: Math.round(summary.events / (wsMs / 1000)),
    }),
  );
}

void main();
