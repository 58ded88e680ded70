/**
 * Wall-clock conversions for providers that speak in exchange-local time
 * (Alpha Vantage's "US/Eastern" strings, Polygon's and Yahoo's daily bars
 * stamped at local midnight or at the open). Uses the platform's IANA data
 * through Intl, so daylight-saving changes are handled.
 */
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The offset (ms) of `timeZone` from UTC at instant `utcMs`: local = utc + offset. */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** UTC instant of a local wall-clock time given as if it were UTC (`Date.UTC(...)` of the parts). */
export function localToUtc(localAsUtcMs: number, timeZone: string): number {
  // Two passes settle the offset on both sides of a DST change.
  let guess = localAsUtcMs - zoneOffsetMs(localAsUtcMs, timeZone);
  guess = localAsUtcMs - zoneOffsetMs(guess, timeZone);
  return guess;
}

/** Midnight UTC of the local calendar date of instant `utcMs` in `timeZone` (daily bar label). */
export function localDateAsUtcMidnight(utcMs: number, timeZone: string): number {
  const local = utcMs + zoneOffsetMs(utcMs, timeZone);
  return Math.floor(local / DAY_MS) * DAY_MS;
}

/** Parses `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS]` as wall-clock parts, returned as if UTC. */
export function parseWallClock(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (m === null) return undefined;
  const ms = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  return Number.isNaN(ms) ? undefined : ms;
}
