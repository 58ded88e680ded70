import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../runtime/core/errors.js";
import { computeFeatures } from "../../../runtime/data/features/compute-features.js";
import { featureSpecs } from "../../../runtime/data/features/feature-specs.js";
import { resampleBars } from "../../../runtime/data/frame/resample.js";
import { loadDataset } from "../../../runtime/data/load-dataset.js";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";
import {
  createBarAggregator,
  createStreamProcessor,
  type MarketEvent,
  type ProcessedBar,
  parseStreamEvent,
} from "../../../runtime/data/streaming/index.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";
import { barMessages } from "./csv-stream.js";
import { expectMatchesBatch } from "./feature-parity.js";
import { withDefaults } from "../../support/spec-values.js";

const eurusd = readOhlcvCsv("eurusd_hourly_2017_2018_backtestingpy.csv", "EURUSD");
const events = barMessages(eurusd) as unknown as MarketEvent[];

function aggregate(interval: string): ProcessedBar[] {
  const processor = createStreamProcessor({ interval });
  return [...events.flatMap((e) => processor.push(e)), ...processor.flush()];
}

function columnsOf(bars: readonly ProcessedBar[]) {
  return {
    ts: bars.map((b) => b.ts),
    open: bars.map((b) => b.open),
    high: bars.map((b) => b.high),
    low: bars.map((b) => b.low),
    close: bars.map((b) => b.close),
    volume: bars.map((b) => b.volume),
  };
}

describe("bar aggregation", () => {
  it("matches the batch resampler for days and ISO weeks", () => {
    const bars = {
      timestamp: eurusd.timestamps,
      symbol: Array.from(eurusd.timestamps, () => "EURUSD"),
      open: eurusd.open[0]!,
      high: eurusd.high[0]!,
      low: eurusd.low[0]!,
      close: eurusd.close[0]!,
      volume: eurusd.volume[0]!,
    };
    for (const interval of ["1d", "1w"] as const) {
      const batch = resampleBars(bars, interval, "1h");
      const streamed = columnsOf(aggregate(interval));
      expect(streamed.ts).toEqual(Array.from(batch.timestamp));
      expect(streamed.open).toEqual(Array.from(batch.open));
      expect(streamed.high).toEqual(Array.from(batch.high));
      expect(streamed.low).toEqual(Array.from(batch.low));
      expect(streamed.close).toEqual(Array.from(batch.close));
      for (const [i, v] of batch.volume.entries()) expect(streamed.volume[i]).toBeCloseTo(v, 6);
    }
  });

  it("matches an independent polars group-by for 4-hour buckets", () => {
    const H4 = 4 * 3_600_000;
    const reference = pl
      .DataFrame({
        ts: Array.from(eurusd.timestamps),
        open: Array.from(eurusd.open[0]!),
        high: Array.from(eurusd.high[0]!),
        low: Array.from(eurusd.low[0]!),
        close: Array.from(eurusd.close[0]!),
        volume: Array.from(eurusd.volume[0]!),
      })
      .withColumns(pl.col("ts").div(H4).floor().mul(H4).alias("bucket"))
      .groupBy("bucket")
      .agg(
        pl.col("open").first(),
        pl.col("high").max(),
        pl.col("low").min(),
        pl.col("close").last(),
        pl.col("volume").sum(),
      )
      .sort("bucket");
    const streamed = columnsOf(aggregate("4h"));
    expect(streamed.ts).toEqual(reference.getColumn("bucket").toArray());
    expect(streamed.open).toEqual(reference.getColumn("open").toArray());
    expect(streamed.high).toEqual(reference.getColumn("high").toArray());
    expect(streamed.low).toEqual(reference.getColumn("low").toArray());
    expect(streamed.close).toEqual(reference.getColumn("close").toArray());
    expect(streamed.volume).toEqual(reference.getColumn("volume").toArray());
  });

  it("ignores and counts late ticks instead of rewriting an emitted bar", () => {
    const agg = createBarAggregator("1m");
    const tick = (ts: number, price: number) => ({
      type: "tick" as const,
      symbol: "X",
      ts,
      price,
      size: 1,
    });
    expect(agg.push(tick(0, 10))).toBeUndefined();
    expect(agg.push(tick(30_000, 12))).toBeUndefined();
    expect(agg.push(tick(60_000, 11))).toEqual({
      symbol: "X",
      ts: 0,
      open: 10,
      high: 12,
      low: 10,
      close: 12,
      volume: 2,
      count: 2,
    });
    expect(agg.push(tick(59_000, 99))).toBeUndefined();
    expect(agg.late).toBe(1);
    expect(agg.flush()).toEqual([
      { symbol: "X", ts: 60_000, open: 11, high: 11, low: 11, close: 11, volume: 1, count: 1 },
    ]);
  });

  it("rejects bad intervals and ticks without an interval", () => {
    expect(() => createBarAggregator("7x")).toThrow(/stream bar interval "7x" is not valid/);
    const processor = createStreamProcessor({});
    expect(() => processor.push({ type: "tick", symbol: "X", ts: 0, price: 1, size: 1 })).toThrow(
      UserError,
    );
  });

  it("parses valid frames and refuses malformed ones", () => {
    expect(parseStreamEvent('{"type":"tick","symbol":"X","ts":5,"price":1.5,"seq":3}')).toEqual({
      type: "tick",
      symbol: "X",
      ts: 5,
      price: 1.5,
      size: 0,
      seq: 3,
    });
    expect(
      parseStreamEvent('{"type":"bar","symbol":"X","ts":5,"open":1,"high":2,"low":0.5}'),
    ).toBeUndefined();
    expect(parseStreamEvent('{"type":"tick","symbol":"X","ts":"5","price":1}')).toBeUndefined();
    expect(parseStreamEvent("[1,2]")).toBeUndefined();
    expect(parseStreamEvent("{")).toBeUndefined();
    expect(parseStreamEvent('{"type":"end"}')).toEqual({ type: "end" });
  });
});

describe("incremental features on a multi-symbol stream", () => {
  const symbols = ["AA", "IBM", "KO"];
  const features = featureSpecs([
    { type: "log_return" },
    { type: "sma", window: 10 },
    { type: "correlation", window: 20 },
    { type: "turbulence", window: 30 },
  ]);
  let panelCache: OhlcvPanel | undefined;
  const dow = async (): Promise<OhlcvPanel> => {
    panelCache ??= (
      await loadDataset(
        withDefaults("data", {
          source: "bundled",
          name: "dow30",
          symbols,
          start: "1995-01-01",
          end: "1996-12-31",
        }),
      )
    ).panel;
    return panelCache;
  };

  it("equals the batch panel values when symbols arrive out of step (cross-sectional features wait for all)", async () => {
    const panel = await dow();
    // IBM's feed lags five bars behind; within a timestamp the order is reversed.
    const lagged: MarketEvent[] = [];
    const bars = barMessages(panel) as unknown as MarketEvent[];
    const T = panel.timestamps.length;
    for (let t = 0; t < T + 5; t++) {
      const at = (s: number, k: number) => bars[k * symbols.length + s]!;
      if (t < T) lagged.push(at(2, t), at(0, t));
      if (t >= 5) lagged.push(at(1, t - 5));
    }
    const processor = createStreamProcessor({ features, symbols });
    const out = [...lagged.flatMap((e) => processor.push(e)), ...processor.flush()];
    expect(out).toHaveLength(T * symbols.length);
    // Emitted in time order: a bar leaves only when every symbol has reached its timestamp.
    for (let k = 1; k < out.length; k++) expect(out[k]!.ts).toBeGreaterThanOrEqual(out[k - 1]!.ts);
    expect(processor.featureNames).toEqual([
      "log_return",
      "sma_10",
      "correlation_market_20",
      "turbulence_30",
    ]);
    expectMatchesBatch(out, computeFeatures(panel, features));
  });

  it("never looks ahead: changing later bars leaves earlier outputs identical", async () => {
    const panel = await dow();
    const bars = barMessages(panel) as unknown as MarketEvent[];
    const cut = 200 * symbols.length;
    const perturbed = bars.map((b, k) =>
      k < cut || b.type !== "bar" ? b : { ...b, close: b.close * 1.5, high: b.high * 1.5 },
    );
    const run = (input: MarketEvent[]) => {
      const processor = createStreamProcessor({ features, symbols });
      return input.flatMap((e) => processor.push(e));
    };
    const a = run(bars).filter((b) => b.ts < panel.timestamps[200]!);
    const b = run(perturbed).filter((x) => x.ts < panel.timestamps[200]!);
    expect(a).toHaveLength(cut);
    expect(b).toEqual(a);
  });
});
