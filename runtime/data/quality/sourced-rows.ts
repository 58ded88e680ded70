import { takeRows } from "../frame/bar-columns.js";
import type { SourcedBars } from "../csv/table-to-bars.js";

/** Keeps the rows at `index` (in that order), with their source lines (and written UTC offsets). */
export function keepRows(data: SourcedBars, index: ArrayLike<number>): SourcedBars {
  const lines = new Int32Array(index.length);
  for (let i = 0; i < index.length; i++) lines[i] = data.lines[index[i]!]!;
  const offsets = data.utcOffsets;
  return {
    bars: takeRows(data.bars, index),
    lines,
    file: data.file,
    ...(offsets ? { utcOffsets: Float64Array.from(index, (i) => offsets[i]!) } : {}),
  };
}

/** Keeps the rows whose flag is 0. */
export function dropFlagged(data: SourcedBars, drop: Uint8Array): SourcedBars {
  const keep: number[] = [];
  for (let i = 0; i < drop.length; i++) if (!drop[i]) keep.push(i);
  return keepRows(data, keep);
}
