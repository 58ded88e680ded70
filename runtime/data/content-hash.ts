import { createHash } from "node:crypto";
import { endianness } from "node:os";
import type pl from "nodejs-polars";
import type { BarColumns } from "./frame/bar-columns.js";
import { frameToBars } from "./frame/canonical-frame.js";

/**
 * Content hash of canonical bars: sha256 over the column names, the symbols
 * (their distinct names as JSON, then a little-endian int32 index per row),
 * then each numeric column as little-endian float64 bytes (NaN canonicalized). It
 * depends only on the values and row order (canonical data is sorted by
 * symbol, timestamp), not on the polars version or how the data was produced.
 */
export function barsContentHash(bars: BarColumns): string {
  const hash = createHash("sha256");
  hash.update("drlwb-canonical-frame-v2\n");
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
  // symbols: the table of distinct names (first-appearance order), then one index per row
  const table = new Map<string, number>();
  const index = new Int32Array(bars.symbol.length);
  bars.symbol.forEach((s, i) => {
    let k = table.get(s);
    if (k === undefined) {
      k = table.size;
      table.set(s, k);
    }
    index[i] = k;
  });
  hash.update(JSON.stringify([...table.keys()]));
  hash.update(littleEndianBytes(index));
  for (const [name, values] of numeric) {
    hash.update(`\n${name}\n`);
    hash.update(littleEndianBytes(canonicalNaN(values)));
  }
  return `sha256:${hash.digest("hex")}`;
}

/** The values with every NaN replaced by the one canonical NaN (a copy only when needed). */
function canonicalNaN(values: Float64Array): Float64Array {
  let copy: Float64Array | undefined;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i]!)) {
      copy ??= Float64Array.from(values);
      copy[i] = Number.NaN;
    }
  }
  return copy ?? values;
}

const LITTLE_ENDIAN = endianness() === "LE";

/** The array's bytes in little-endian order, whatever the machine's. */
function littleEndianBytes(values: Float64Array | Int32Array): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  const out = Uint8Array.from(bytes);
  const width = values.BYTES_PER_ELEMENT;
  for (let i = 0; i < out.length; i += width) out.subarray(i, i + width).reverse();
  return out;
}

/** The same hash computed from a canonical polars frame. */
export function datasetContentHash(frame: pl.DataFrame): string {
  return barsContentHash(frameToBars(frame));
}
