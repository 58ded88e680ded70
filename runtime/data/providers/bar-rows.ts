import type { CanonicalRow } from "./types.js";

/**
 * Finishes a provider's rows: keeps bars inside [start, end), sorts them by
 * time and drops exact duplicate timestamps that overlapping pages produce
 * (the later page wins). Bars with missing prices stay as NaN so the quality
 * monitor sees them; nothing is filled here.
 */
export function finishRows(rows: CanonicalRow[], start: number, end: number): CanonicalRow[] {
  const inRange = rows.filter((r) => r.timestamp >= start && r.timestamp < end);
  let increasing = true;
  for (let i = 1; i < inRange.length && increasing; i++) {
    increasing = inRange[i]!.timestamp > inRange[i - 1]!.timestamp;
  }
  if (increasing) return inRange;
  const byTime = new Map<number, CanonicalRow>();
  for (const row of inRange) byTime.set(row.timestamp, row);
  return [...byTime.values()].sort((a, b) => a.timestamp - b.timestamp);
}

/** A finite number from a JSON value (numbers or numeric strings), NaN otherwise. */
export function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "") return Number(value);
  return Number.NaN;
}
