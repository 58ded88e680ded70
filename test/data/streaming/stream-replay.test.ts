import { afterEach, describe, expect, it } from "vitest";
import { createLogger, type LogRecord } from "../../../runtime/core/logger.js";
import { createRng } from "../../../runtime/core/rng.js";
import { UserError } from "../../../runtime/core/errors.js";
import { featureSpecs } from "../../../runtime/data/features/feature-specs.js";
import type { FeaturePanel } from "../../../runtime/contracts/panel.js";
import { computeFeatures } from "../../../runtime/data/features/compute-features.js";
import {
  connectStream,
  createStreamProcessor,
  type ProcessedBar,
  streamFeatures,
} from "../../../runtime/data/streaming/index.js";
import { envRef } from "../../../runtime/data/providers/index.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";
import { barMessages, tickMessages } from "./csv-stream.js";
import { expectMatchesBatch } from "./feature-parity.js";
import { type ReplayWsServer, startReplayWsServer } from "./replay-ws-server.js";

const panel = readOhlcvCsv("eurusd_hourly_2017_2018_backtestingpy.csv", "EURUSD");
const features = featureSpecs([
  { type: "log_return" },
  { type: "returns" },
  { type: "sma", window: 20 },
  { type: "ema", window: 12 },
  { type: "wma", window: 10 },
  { type: "rsi", window: 14 },
  { type: "volatility", window: 20 },
  { type: "zscore", window: 20 },
  { type: "macd" },
  { type: "bollinger", window: 20 },
  { type: "atr", window: 14 },
  { type: "adx", window: 14 },
  { type: "cci", window: 20 },
  { type: "obv" },
]);
// The batch reference, computed once (polars expressions of runtime/data/features).
let batchCache: FeaturePanel | undefined;
const batch = (): FeaturePanel => {
  batchCache ??= computeFeatures(panel, features);
  return batchCache;
};
const fastReconnect = { max_attempts: 5, initial_delay_ms: 5, max_delay_ms: 50 };

let server: ReplayWsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("websocket stream replaying eurusd_h1", () => {
  it("streams bars through two forced disconnects with no gap or duplicate; features equal the batch values", async () => {
    server = await startReplayWsServer({
      messages: barMessages(panel),
      dropAfter: [1000, 3000],
      garbageBefore: 2000,
    });
    const processor = createStreamProcessor({ features, symbols: ["EURUSD"] });
    const out: ProcessedBar[] = [];
    const logs: LogRecord[] = [];
    const client = connectStream({
      url: server.url,
      symbols: ["EURUSD"],
      reconnect: fastReconnect,
      rng: createRng(3),
      logger: createLogger((r) => logs.push(r)),
      onEvent: (event) => out.push(...processor.push(event)),
    });
    const summary = await client.done;
    out.push(...processor.flush());

    expect(summary).toMatchObject({ ended: "end", reconnects: 2, invalid: 1, events: 5000 });
    expect(server.connections).toBe(3);
    expect(server.subscriptions.map((s) => s.resume_after)).toEqual([undefined, 1000, 3000]);
    expect(out.map((b) => b.ts)).toEqual(Array.from(panel.timestamps));
    expect(out.map((b) => b.close)).toEqual(Array.from(panel.close[0]!));
    expect(
      logs.filter((l) => l.message.startsWith(`stream ${server!.url} disconnected`)),
    ).toHaveLength(2);
    expectMatchesBatch(out, batch());
  });

  it("aggregates a tick stream (with a disconnect) back into the hourly bars, features included", async () => {
    server = await startReplayWsServer({ messages: tickMessages(panel), dropAfter: [7777] });
    const processor = createStreamProcessor({ features, symbols: ["EURUSD"], interval: "1h" });
    const out: ProcessedBar[] = [];
    const client = connectStream({
      url: server.url,
      symbols: ["EURUSD"],
      reconnect: fastReconnect,
      onEvent: (event) => out.push(...processor.push(event)),
    });
    const summary = await client.done;
    out.push(...processor.flush());
    expect(summary.events).toBe(20_000);
    expect(summary.reconnects).toBe(1);
    expect(out).toHaveLength(5000);
    const field = (name: "open" | "high" | "low" | "close" | "volume") => out.map((b) => b[name]);
    expect(out.map((b) => b.ts)).toEqual(Array.from(panel.timestamps));
    expect(field("open")).toEqual(Array.from(panel.open[0]!));
    expect(field("high")).toEqual(Array.from(panel.high[0]!));
    expect(field("low")).toEqual(Array.from(panel.low[0]!));
    expect(field("close")).toEqual(Array.from(panel.close[0]!));
    expect(field("volume")).toEqual(Array.from(panel.volume[0]!));
    expectMatchesBatch(out, batch());
  });

  it("drops a silent connection after idleTimeoutMs and resumes where it stopped", async () => {
    server = await startReplayWsServer({
      messages: barMessages(panel).slice(0, 300),
      stallAfter: [120],
    });
    const seen: number[] = [];
    const summary = await connectStream({
      url: server.url,
      symbols: ["EURUSD"],
      idleTimeoutMs: 150,
      reconnect: fastReconnect,
      onEvent: (event) => seen.push(event.ts),
    }).done;
    expect(summary).toMatchObject({ ended: "end", reconnects: 1, events: 300, duplicates: 0 });
    expect(server.subscriptions.map((s) => s.resume_after)).toEqual([undefined, 120]);
    expect(seen).toEqual(Array.from(panel.timestamps.slice(0, 300)));
  });

  it("drops what it has already seen when the server replays from the start (by seq, else by time)", async () => {
    for (const noSeq of [false, true]) {
      server = await startReplayWsServer({
        messages: tickMessages(panel).slice(0, 800),
        dropAfter: [333],
        ignoreResume: true,
        noSeq,
      });
      const processor = createStreamProcessor({ interval: "1h" });
      const out: ProcessedBar[] = [];
      const summary = await connectStream({
        url: server.url,
        symbols: ["EURUSD"],
        reconnect: fastReconnect,
        onEvent: (event) => out.push(...processor.push(event)),
      }).done;
      out.push(...processor.flush());
      expect(summary.events).toBe(800);
      expect(summary.duplicates).toBeGreaterThan(0);
      expect(out.map((b) => b.close)).toEqual(Array.from(panel.close[0]!.slice(0, 200)));
      expect(out.map((b) => b.volume)).toEqual(Array.from(panel.volume[0]!.slice(0, 200)));
      await server.close();
      server = undefined;
    }
  });

  it("gives up with a clear message when the server stays away", async () => {
    server = await startReplayWsServer({
      messages: barMessages(panel).slice(0, 10),
      dropAfter: [5],
    });
    const url = server.url;
    let received = 0;
    const client = connectStream({
      url,
      symbols: ["EURUSD"],
      reconnect: { max_attempts: 3, initial_delay_ms: 5, max_delay_ms: 20 },
      onEvent: () => {
        received++;
        // The server goes away for good right after the forced disconnect.
        if (received === 5) void server?.close();
      },
    });
    const error = await client.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `stream ${url} could not be reconnected after 3 attempts; check the server or raise reconnect.max_attempts`,
    );
    expect(received).toBe(5);
  });

  it("streamFeatures: ticks in, bars with features out, header secrets resolved at connect time", async () => {
    server = await startReplayWsServer({
      messages: tickMessages(panel).slice(0, 2000),
      dropAfter: [999],
    });
    const bars: ProcessedBar[] = [];
    const stream = streamFeatures({
      url: server.url,
      symbols: ["EURUSD"],
      features: featureSpecs([
        { type: "sma", window: 5 },
        { type: "rsi", window: 14 },
      ]),
      interval: "1h",
      headers: { authorization: `Bearer ${envRef("FEED_TOKEN")}` },
      env: { FEED_TOKEN: "tok-42" },
      reconnect: fastReconnect,
      onBar: (bar) => bars.push(bar),
    });
    const summary = await stream.done;
    expect(summary.reconnects).toBe(1);
    expect(server.headers.map((h) => h.authorization)).toEqual(["Bearer tok-42", "Bearer tok-42"]);
    expect(bars).toHaveLength(500);
    expect(bars.map((b) => b.close)).toEqual(Array.from(panel.close[0]!.slice(0, 500)));
    const closes = panel.close[0]!;
    const sma5 = (closes[4]! + closes[3]! + closes[2]! + closes[1]! + closes[0]!) / 5;
    expect(bars[3]!.features.sma_5).toBeNaN();
    expect(bars[4]!.features.sma_5).toBeCloseTo(sma5, 12);
    expect(Object.keys(bars[0]!.features)).toEqual(["sma_5", "rsi_14"]);
  });

  it("stops on request", async () => {
    server = await startReplayWsServer({ messages: barMessages(panel), batch: 1 });
    let received = 0;
    const client = connectStream({
      url: server.url,
      symbols: ["EURUSD"],
      onEvent: () => {
        received++;
        if (received === 100) client.stop();
      },
    });
    const summary = await client.done;
    expect(summary.ended).toBe("stopped");
    expect(received).toBeGreaterThanOrEqual(100);
    expect(received).toBeLessThan(5000);
  });
});
