import pl from "nodejs-polars";
import { specError } from "../../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../../core/spec-location.js";
import { dataMessages } from "../../messages/data.js";
import type { BarColumns } from "./bar-columns.js";
import { barsToFrame, frameToBars, timestampSeries } from "./canonical-frame.js";

/** Bar intervals the data layer can resample to (coarser only): `data.interval`'s values. */
export const RESAMPLE_INTERVALS = ["1h", "1d", "1w", "1mo"] as const;
export type ResampleInterval = (typeof RESAMPLE_INTERVALS)[number];

const DAY = 86_400_000;
const HOUR = 3_600_000;

const ORDER: Record<string, number> = {
  "1m": 0,
  "5m": 1,
  "15m": 2,
  "30m": 3,
  "1h": 4,
  "1d": 5,
  "1w": 6,
  "1wk": 6,
  "1mo": 7,
};

/** Start (epoch ms UTC) of the bucket an instant falls in: hour, day, ISO week (Monday), month. */
export function bucketStart(ms: number, interval: ResampleInterval): number {
  switch (interval) {
    case "1h":
      return Math.floor(ms / HOUR) * HOUR;
    case "1d":
      return Math.floor(ms / DAY) * DAY;
    case "1w": {
      const day = Math.floor(ms / DAY);
      const dow = (day + 3) % 7; // Monday = 0 (1970-01-01 was a Thursday)
      return (day - dow) * DAY;
    }
    case "1mo": {
      const d = new Date(ms);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
  }
}

/**
 * Aggregates bars (sorted by symbol then time) to a coarser interval with the
 * OHLCV rules: open = first, high = max, low = min, close = last, volume = sum,
 * adj_close = last. A bucket is stamped with its start; its values are known
 * at its end, like any bar. `loc` is where the interval is written in the spec.
 */
export function resampleBars(
  bars: BarColumns,
  interval: ResampleInterval,
  from: string | undefined,
  loc: SpecLocation = sectionLocation("data").at("/interval"),
): BarColumns {
  if (!RESAMPLE_INTERVALS.includes(interval)) {
    throw specError(loc, dataMessages.unknownInterval(interval, RESAMPLE_INTERVALS));
  }
  if (from !== undefined && (ORDER[from] ?? -1) >= (ORDER[interval] ?? 99)) {
    throw specError(loc, dataMessages.resampleFiner(from, interval));
  }
  const buckets = new Float64Array(bars.timestamp.length);
  for (let i = 0; i < buckets.length; i++) buckets[i] = bucketStart(bars.timestamp[i]!, interval);
  const frame = barsToFrame(bars).withColumn(timestampSeries("bucket", buckets));
  const aggs = [
    pl.col("open").first(),
    pl.col("high").max(),
    pl.col("low").min(),
    pl.col("close").last(),
    pl.col("volume").sum(),
  ];
  if (bars.adjClose) aggs.push(pl.col("adj_close").last());
  const out = frame
    .groupBy("symbol", "bucket")
    .agg(...aggs)
    .rename({ bucket: "timestamp" })
    .sort(["symbol", "timestamp"]);
  return frameToBars(out);
}
