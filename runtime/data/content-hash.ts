import { createHash } from "node:crypto";
import type pl from "nodejs-polars";
import type { BarColumns } from "./frame/bar-columns.js";
import { frameToBars } from "./frame/canonical-frame.js";

/**
 * Content hash of canonical bars: sha256 over the canonical column names and
 * types, then each column's values — timestamps and numbers as little-endian
 * float64 bytes (NaN canonicalized), symbols as length-prefixed UTF-8. It
 * depends only on the values and row order (canonical data is sorted by
 * symbol, timestamp), not on the polars version or how the data was produced.
 */
export function barsContentHash(bars: BarColumns): string {
  const hash = createHash("sha256");
  hash.update("drlwb-canonical-frame-v1\n");
  const numeric: [string, Float64Array][] = [
    ["timestamp", bars.timestamp],
    ["open", bars.open],
    ["high", bars.high],
    ["low", bars.low],
    ["close", bars.close],
    ["volume", bars.volume],
  ];
  if (bars.adjClose) numeric.push(["adj_close", bars.adjClose]);
  hash.update(`columns:symbol,${numeric.map(([n]) => n).join(",")}\n`);
  const parts: string[] = [];
  for (const s of bars.symbol) parts.push(`${Buffer.byteLength(s, "utf8")}:${s}`);
  hash.update(parts.join(""), "utf8");
  const le = new Float64Array(bars.timestamp.length);
  const view = new DataView(le.buffer);
  for (const [name, values] of numeric) {
    hash.update(`\n${name}\n`);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      view.setFloat64(i * 8, Number.isNaN(v) ? Number.NaN : v, true);
    }
    hash.update(new Uint8Array(le.buffer));
  }
  return `sha256:${hash.digest("hex")}`;
}

/** The same hash computed from a canonical polars frame. */
export function datasetContentHash(frame: pl.DataFrame): string {
  return barsContentHash(frameToBars(frame));
}
