import { UserError } from "../../core/errors.js";
import { dataMessages } from "../../messages/data.js";

/**
 * Turns date/time text into epoch milliseconds UTC.
 *
 * `format` is `iso` (YYYY-MM-DD, optionally followed by `T` or a space and
 * HH:MM[:SS[.fff]], optionally ending in Z or ±HH:MM), `epoch_ms`, `epoch_s`,
 * or a strftime pattern using %Y %y %m %d %H %M %S %b %%. Text without an
 * explicit offset is wall-clock time in `timezone` (an IANA name, default UTC).
 * Returns NaN for text that does not match, so the caller can name the row.
 */
export type DateParser = (text: string) => number;

export function createDateParser(format = "iso", timezone = "UTC"): DateParser {
  return createTimestampReader(format, timezone).parse;
}

/**
 * A date parser that also tells the UTC offset written in the text it last
 * parsed (iso only): minutes east of UTC, NaN when the text had none (and
 * always NaN for the other formats, which carry no offset).
 */
export interface TimestampReader {
  readonly parse: DateParser;
  readonly lastOffset: () => number;
}

export function createTimestampReader(format = "iso", timezone = "UTC"): TimestampReader {
  const toUtc = createWallClockConverter(timezone);
  const noOffset = (): number => Number.NaN;
  if (format === "epoch_ms") return { parse: (text) => parseEpoch(text, 1), lastOffset: noOffset };
  if (format === "epoch_s")
    return { parse: (text) => parseEpoch(text, 1000), lastOffset: noOffset };
  if (format === "iso") {
    const state = { offset: Number.NaN };
    return {
      parse: (text) => parseIso(text.trim(), toUtc, state),
      lastOffset: () => state.offset,
    };
  }
  return { parse: strftimeParser(format, toUtc), lastOffset: noOffset };
}

function strftimeParser(format: string, toUtc: (w: WallClock) => number): DateParser {
  const pattern = compileStrftime(format);
  return (text) => {
    const m = pattern.regex.exec(text.trim());
    if (!m) return Number.NaN;
    const parts = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 };
    pattern.fields.forEach((field, i) => {
      const raw = m[i + 1]!;
      if (field === "b") parts.month = MONTHS.indexOf(raw.slice(0, 3).toLowerCase()) + 1;
      else if (field === "y") parts.year = 2000 + Number(raw) - (Number(raw) >= 69 ? 100 : 0);
      else parts[FIELD_NAMES[field]] = Number(raw);
    });
    return checkedWallClock(parts, toUtc);
  };
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
type StrftimeField = "Y" | "y" | "m" | "d" | "H" | "M" | "S" | "b";
const FIELD_NAMES: Record<Exclude<StrftimeField, "b" | "y">, keyof WallClock> = {
  Y: "year",
  m: "month",
  d: "day",
  H: "hour",
  M: "minute",
  S: "second",
};
const FIELD_REGEX: Record<StrftimeField, string> = {
  Y: "(\\d{4})",
  y: "(\\d{2})",
  m: "(\\d{1,2})",
  d: "(\\d{1,2})",
  H: "(\\d{1,2})",
  M: "(\\d{2})",
  S: "(\\d{2})",
  b: "([A-Za-z]{3,9})",
};

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

function compileStrftime(format: string): { regex: RegExp; fields: StrftimeField[] } {
  const fields: StrftimeField[] = [];
  let source = "^";
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === "%" && i + 1 < format.length) {
      const code = format[++i]!;
      if (code === "%") source += "%";
      else if (code in FIELD_REGEX) {
        fields.push(code as StrftimeField);
        source += FIELD_REGEX[code as StrftimeField];
      } else throw new UserError(dataMessages.badDateFormat(format, code));
    } else source += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return { regex: new RegExp(`${source}$`), fields };
}

function parseEpoch(text: string, scale: number): number {
  const t = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return Number.NaN;
  return Math.round(Number(t) * scale);
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

function parseIso(text: string, toUtc: (w: WallClock) => number, out: { offset: number }): number {
  out.offset = Number.NaN;
  const m = ISO.exec(text);
  if (!m) return Number.NaN;
  const parts: WallClock = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    ms: m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0,
  };
  const offset = m[8];
  if (offset === undefined) return checkedWallClock(parts, toUtc);
  const utc = checkedWallClock(parts, wallClockAsUtc);
  if (offset === "Z") {
    out.offset = 0;
    return utc;
  }
  const sign = offset[0] === "-" ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  out.offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  return utc - out.offset * 60_000;
}

/** An offset in minutes east of UTC as written in ISO 8601 (`Z`, `+05:00`; NaN: none written). */
export function formatUtcOffset(minutes: number): string {
  if (Number.isNaN(minutes)) return "none";
  if (minutes === 0) return "Z";
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${hh}:${mm}`;
}

function checkedWallClock(w: WallClock, toUtc: (w: WallClock) => number): number {
  if (
    w.month < 1 ||
    w.month > 12 ||
    w.day < 1 ||
    w.day > 31 ||
    w.hour > 23 ||
    w.minute > 59 ||
    w.second > 60
  ) {
    return Number.NaN;
  }
  const check = new Date(Date.UTC(w.year, w.month - 1, w.day));
  if (check.getUTCDate() !== w.day) return Number.NaN; // e.g. 2021-02-30
  return toUtc(w);
}

function wallClockAsUtc(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
}

/** Wall-clock time in an IANA zone → epoch ms UTC (DST-aware, via Intl). */
export function createWallClockConverter(timezone: string): (w: WallClock) => number {
  if (timezone === "UTC" || timezone === "Etc/UTC") return wallClockAsUtc;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    throw new UserError(dataMessages.badTimezone(timezone));
  }
  const offsetAt = (utc: number): number => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(new Date(utc))) {
      if (p.type !== "literal") parts[p.type] = Number(p.value);
    }
    const asUtc = Date.UTC(
      parts.year!,
      parts.month! - 1,
      parts.day!,
      parts.hour!,
      parts.minute!,
      parts.second!,
    );
    return asUtc - Math.floor(utc / 1000) * 1000;
  };
  return (w) => {
    const guess = wallClockAsUtc(w);
    const first = guess - offsetAt(guess);
    const second = guess - offsetAt(first);
    return second;
  };
}

/** Validates a timezone name early (spec checking), throwing the catalog's UserError. */
export function assertTimezone(timezone: string): void {
  createWallClockConverter(timezone);
}
