import type pl from "nodejs-polars";
import { frameToBars, rowsToFrame as canonicalRowsToFrame } from "../frame/canonical-frame.js";
import type { CanonicalRow } from "./types.js";

/**
 * Canonical rows → the canonical long frame (runtime/data/frame): timestamp
 * Datetime(ms, UTC), symbol Utf8, Float64 prices and volume, adj_close when
 * any row has one. Missing values stay NaN for the quality monitor.
 */
export function rowsToFrame(rows: readonly CanonicalRow[]): pl.DataFrame {
  return canonicalRowsToFrame(rows);
}

/** A canonical frame back to rows (nulls become NaN). */
export function frameToRows(frame: pl.DataFrame): CanonicalRow[] {
  const bars = frameToBars(frame);
  return Array.from(bars.timestamp, (timestamp, i) => {
    const row: CanonicalRow = {
      timestamp,
      symbol: bars.symbol[i]!,
      open: bars.open[i]!,
      high: bars.high[i]!,
      low: bars.low[i]!,
      close: bars.close[i]!,
      volume: bars.volume[i]!,
    };
    if (bars.adjClose) row.adj_close = bars.adjClose[i]!;
    return row;
  });
}
