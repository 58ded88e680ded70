import { createHash } from "node:crypto";
import type pl from "nodejs-polars";
import { floatColumn, timestampColumn } from "./frame/canonical-frame.js";

/**
 * Content hash of a canonical frame: sha256 over the column names and types,
 * then each column's values — timestamps and numbers as little-endian
 * float64 bytes (NaN canonicalized), symbols as length-prefixed UTF-8. It does
 * not depend on the polars version or on how the frame was produced, only on
 * its values and row order (canonical frames are sorted by symbol, timestamp).
 */
export function datasetContentHash(frame: pl.DataFrame): string {
  const hash = createHash("sha256");
  hash.update("drlwb-canonical-frame-v1\n");
  for (const name of frame.columns) {
    hash.update(`${name}:${frame.getColumn(name).dtype.toString()}\n`);
    if (name === "symbol") {
      for (const s of frame.getColumn("symbol").toArray() as string[]) {
        const bytes = Buffer.from(s, "utf8");
        const len = Buffer.alloc(4);
        len.writeUInt32LE(bytes.length);
        hash.update(len);
        hash.update(bytes);
      }
      continue;
    }
    const values = name === "timestamp" ? timestampColumn(frame) : floatColumn(frame, name);
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) values[i] = Number.NaN;
    hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  return `sha256:${hash.digest("hex")}`;
}
