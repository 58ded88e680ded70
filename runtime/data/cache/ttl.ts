import { UserError } from "../../core/errors.js";
import { dataIoMessages } from "../../messages/data-io.js";

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * A cache `ttl` (seconds as a number, or `90s`, `30m`, `12h`, `7d`, `2w`) in
 * milliseconds. Its default (`1d`) is provider.schema.json's.
 */
export function parseTtl(ttl: number | string): number {
  if (typeof ttl === "number") {
    if (!(ttl > 0) || !Number.isFinite(ttl))
      throw new UserError(dataIoMessages.badDuration(String(ttl)));
    return ttl * 1000;
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(ttl);
  if (m === null || !(Number(m[1]) > 0)) throw new UserError(dataIoMessages.badDuration(ttl));
  return Math.round(Number(m[1]) * (UNITS[m[2] ?? "s"] ?? 1000));
}
