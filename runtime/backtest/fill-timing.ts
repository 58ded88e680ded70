/**
 * When a decision made at bar t (with data up to t) is executed:
 * `next_open` (default) at bar t+1's open; `this_close` at bar t's close.
 */
export type FillTiming = "next_open" | "this_close";

export const FILL_TIMINGS: readonly FillTiming[] = ["next_open", "this_close"];

const YEAR_MS = 365 * 86_400_000;

/** Calendar years between two epoch-ms times (for borrow accrual). */
export function yearsBetween(fromMs: number, toMs: number): number {
  return toMs > fromMs ? (toMs - fromMs) / YEAR_MS : 0;
}
