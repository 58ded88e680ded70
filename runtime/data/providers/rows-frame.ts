import pl from "nodejs-polars";
import type { CanonicalRow } from "./types.js";

/**
 * Canonical rows → a polars long frame with the canonical schema: timestamp
 * Datetime(ms), symbol Utf8, open/high/low/close/volume Float64 and, when any
 * row has one, adj_close Float64. NaN prices become nulls (missing values the
 * quality monitor reports).
 */
export function rowsToFrame(rows: readonly CanonicalRow[]): pl.DataFrame {
  const hasAdj = rows.some((r) => r.adj_close !== undefined);
  const num = (name: string, pick: (r: CanonicalRow) => number | undefined): pl.Series =>
    pl.Series(
      name,
      rows.map((r) => {
        const v = pick(r);
        return v === undefined || Number.isNaN(v) ? null : v;
      }),
      pl.Float64,
    );
  const columns = [
    pl
      .Series(
        "timestamp",
        rows.map((r) => r.timestamp),
        pl.Int64,
      )
      .cast(pl.Datetime("ms")),
    pl.Series(
      "symbol",
      rows.map((r) => r.symbol),
      pl.Utf8,
    ),
    num("open", (r) => r.open),
    num("high", (r) => r.high),
    num("low", (r) => r.low),
    num("close", (r) => r.close),
    num("volume", (r) => r.volume),
  ];
  if (hasAdj) columns.push(num("adj_close", (r) => r.adj_close));
  return pl.DataFrame(columns);
}

/** A canonical frame back to rows (nulls become NaN). */
export function frameToRows(frame: pl.DataFrame): CanonicalRow[] {
  const ts = frame.getColumn("timestamp").cast(pl.Int64).toArray() as unknown[];
  const col = (name: string): unknown[] | undefined =>
    frame.columns.includes(name) ? (frame.getColumn(name).toArray() as unknown[]) : undefined;
  const symbol = col("symbol") ?? [];
  const fields = ["open", "high", "low", "close", "volume"] as const;
  const values = fields.map((f) => col(f) ?? []);
  const adj = col("adj_close");
  const asNum = (v: unknown): number => (v === null || v === undefined ? Number.NaN : Number(v));
  return ts.map((t, i) => {
    const row: CanonicalRow = {
      timestamp: Number(t),
      symbol: String(symbol[i]),
      open: asNum(values[0]![i]),
      high: asNum(values[1]![i]),
      low: asNum(values[2]![i]),
      close: asNum(values[3]![i]),
      volume: asNum(values[4]![i]),
    };
    if (adj !== undefined) row.adj_close = asNum(adj[i]);
    return row;
  });
}
