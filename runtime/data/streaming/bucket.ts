import { UserError } from "../../core/errors.js";
import { dataIoMessages } from "../../messages/data-io.js";
import { bucketStart } from "../frame/resample.js";

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The bucket-start function of a bar interval: fixed sizes (`30s`, `1m`,
 * `5m`, `4h`, `1d`, or a number of ms) aligned to the UTC epoch, and calendar
 * buckets `1w` (ISO week from Monday) and `1mo` (calendar month), the same
 * buckets the batch resampler uses.
 */
export function bucketFunction(interval: string | number): (ts: number) => number {
  if (typeof interval === "number") {
    if (!(interval > 0)) throw new UserError(dataIoMessages.streamBadInterval(String(interval)));
    return (ts) => Math.floor(ts / interval) * interval;
  }
  if (interval === "1w" || interval === "1mo") return (ts) => bucketStart(ts, interval);
  const m = /^(\d+)(s|m|h|d)$/.exec(interval);
  if (m === null || Number(m[1]) === 0)
    throw new UserError(dataIoMessages.streamBadInterval(interval));
  return bucketFunction(Number(m[1]) * UNIT_MS[m[2]!]!);
}
