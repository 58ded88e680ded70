import pl from "nodejs-polars";
import type { BarColumns } from "./bar-columns.js";

/**
 * The canonical long frame: one row per (symbol, bar), columns
 * timestamp (Datetime ms UTC), symbol (Utf8), open, high, low, close,
 * volume (Float64) and optional adj_close (Float64), sorted by symbol then
 * timestamp once the data is clean.
 */
export const CANONICAL_COLUMNS = [
  "timestamp",
  "symbol",
  "open",
  "high",
  "low",
  "close",
  "volume",
] as const;

export function timestampSeries(name: string, ms: Float64Array): pl.Series {
  return pl.Series(name, ms, pl.Float64).cast(pl.Int64).cast(pl.Datetime("ms", "UTC"));
}

export function barsToFrame(bars: BarColumns): pl.DataFrame {
  const columns: pl.Series[] = [
    timestampSeries("timestamp", bars.timestamp),
    pl.Series("symbol", bars.symbol as string[], pl.Utf8),
    pl.Series("open", bars.open, pl.Float64),
    pl.Series("high", bars.high, pl.Float64),
    pl.Series("low", bars.low, pl.Float64),
    pl.Series("close", bars.close, pl.Float64),
    pl.Series("volume", bars.volume, pl.Float64),
  ];
  if (bars.adjClose) columns.push(pl.Series("adj_close", bars.adjClose, pl.Float64));
  return pl.DataFrame(columns);
}

/** Float64 column of a frame as a typed array (nulls become NaN). */
export function floatColumn(frame: pl.DataFrame, name: string): Float64Array {
  return seriesToFloat64(frame.getColumn(name));
}

/** A numeric series as a fresh Float64Array (polars copies it out); nulls become NaN. */
export function seriesToFloat64(series: pl.Series): Float64Array {
  const floats = series.dtype.equals(pl.Float64) ? series : series.cast(pl.Float64);
  if (floats.nullCount() === 0) {
    const out = floats.toTypedArray();
    return out instanceof Float64Array ? out : Float64Array.from(out as ArrayLike<number>);
  }
  return Float64Array.from(floats.toArray() as (number | null)[], (v) => v ?? Number.NaN);
}

/** Epoch-ms timestamps of a Datetime column. */
export function timestampColumn(frame: pl.DataFrame, name = "timestamp"): Float64Array {
  const series = frame.getColumn(name).cast(pl.Int64).cast(pl.Float64);
  return Float64Array.from(series.toTypedArray() as Float64Array);
}

export function frameToBars(frame: pl.DataFrame): BarColumns {
  const hasAdj = frame.columns.includes("adj_close");
  return {
    timestamp: timestampColumn(frame),
    symbol: frame.getColumn("symbol").toArray() as string[],
    open: floatColumn(frame, "open"),
    high: floatColumn(frame, "high"),
    low: floatColumn(frame, "low"),
    close: floatColumn(frame, "close"),
    volume: floatColumn(frame, "volume"),
    ...(hasAdj ? { adjClose: floatColumn(frame, "adj_close") } : {}),
  };
}

/** Rows of provider-style objects → canonical frame (for providers, cache, streaming). */
export function rowsToFrame(
  rows: readonly {
    timestamp: number;
    symbol: string;
    open: number;
    high: number;
    low: number;
    close: number;
    volume: number;
    adj_close?: number;
  }[],
): pl.DataFrame {
  const n = rows.length;
  const f = (): Float64Array => new Float64Array(n);
  const bars = {
    timestamp: f(),
    symbol: rows.map((r) => r.symbol),
    open: f(),
    high: f(),
    low: f(),
    close: f(),
    volume: f(),
    adjClose: rows.some((r) => r.adj_close !== undefined) ? f() : undefined,
  };
  rows.forEach((r, i) => {
    bars.timestamp[i] = r.timestamp;
    bars.open[i] = r.open;
    bars.high[i] = r.high;
    bars.low[i] = r.low;
    bars.close[i] = r.close;
    bars.volume[i] = r.volume;
    if (bars.adjClose) bars.adjClose[i] = r.adj_close ?? Number.NaN;
  });
  const { adjClose, ...rest } = bars;
  return barsToFrame(adjClose ? { ...rest, adjClose } : rest);
}
