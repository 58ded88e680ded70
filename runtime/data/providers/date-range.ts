import { UserError } from "../../core/errors.js";
import { dataIoMessages } from "../../messages/data-io.js";

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The half-open epoch-ms range [start, end) of a spec's `start`/`end`.
 * Dates are UTC days; an `end` date is inclusive (the whole day is fetched),
 * an `end` date-time is exclusive.
 */
export function parseDateRange(start: string, end: string): { start: number; end: number } {
  const s = parseInstant("start", start);
  const e = parseInstant("end", end) + (DATE_ONLY.test(end.trim()) ? DAY_MS : 0);
  if (!(s < e)) throw new UserError(dataIoMessages.emptyRange(start, end));
  return { start: s, end: e };
}

function parseInstant(field: string, text: string): number {
  const t = text.trim();
  const ms = DATE_ONLY.test(t) ? Date.parse(`${t}T00:00:00Z`) : Date.parse(t);
  if (Number.isNaN(ms) || !(DATE_ONLY.test(t) || /^\d{4}-\d{2}-\d{2}T/.test(t))) {
    throw new UserError(dataIoMessages.badDate(field, text));
  }
  return ms;
}

/** `YYYY-MM-DD` of an epoch-ms instant (UTC). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
