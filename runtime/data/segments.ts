import { UserError } from "../core/errors.js";
import { dataMessages } from "../messages/data.js";
import type { Segment as SegmentSpec, Segments as SegmentsSpec } from "../spec/types.generated.js";
import type { BarRange, Segments } from "../contracts/panel.js";

const DAY_MS = 86_400_000;

/** A spec date (YYYY-MM-DD string, ISO date-time string or a YAML Date) → epoch ms UTC. */
export function specDateToMs(value: string | Date, path: string): number {
  if (value instanceof Date) return value.getTime();
  const text = String(value).trim();
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? Date.parse(`${text}T00:00:00Z`)
    : Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
  if (Number.isNaN(ms)) {
    const message = dataMessages.badSpecDate(path, text);
    throw new UserError(message, [{ file: "", path, message, severity: "error" }]);
  }
  return ms;
}

/** Whether a spec date names a whole day (then its end is inclusive of the whole day). */
function isDateOnly(value: string | Date): boolean {
  if (value instanceof Date) {
    return value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0;
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(String(value).trim());
}

/** First index with timestamps[i] >= ms (binary search). */
export function lowerBound(timestamps: Float64Array, ms: number): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timestamps[mid]! < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Inclusive date range → half-open BarRange over the panel's timestamps. An end
 * given as a date includes every bar on that day.
 */
export function dateRangeToBars(
  timestamps: Float64Array,
  range: SegmentSpec,
  name: string,
): BarRange {
  const path = `/segments/${name}`;
  const startMs = specDateToMs(range.start, `${path}/start`);
  const endMs = specDateToMs(range.end, `${path}/end`) + (isDateOnly(range.end) ? DAY_MS : 1);
  if (endMs <= startMs) {
    const message = dataMessages.segmentReversed(name, String(range.start), String(range.end));
    throw new UserError(message, [{ file: "", path, message, severity: "error" }]);
  }
  const start = lowerBound(timestamps, startMs);
  const end = lowerBound(timestamps, endMs);
  if (end <= start) {
    const first = timestamps.length ? iso(timestamps[0]!) : "-";
    const last = timestamps.length ? iso(timestamps[timestamps.length - 1]!) : "-";
    const message = dataMessages.segmentEmpty(
      name,
      String(range.start).slice(0, 10),
      String(range.end).slice(0, 10),
      first,
      last,
    );
    throw new UserError(message, [{ file: "", path, message, severity: "error" }]);
  }
  return { start, end };
}

/** Where the segments came from: the spec, or the default 60/20/20 split (recorded). */
export interface SegmentsResult {
  readonly segments: Segments;
  readonly origin: "spec" | "default_60_20_20";
}

/** Spec segments → BarRanges (checked: non-empty, in order, no overlap). */
export function segmentsFromSpec(
  timestamps: Float64Array,
  section: SegmentsSpec | undefined,
): SegmentsResult {
  if (!section) return { segments: defaultSegments(timestamps.length), origin: "default_60_20_20" };
  const train = dateRangeToBars(timestamps, section.train, "train");
  const valid = section.valid ? dateRangeToBars(timestamps, section.valid, "valid") : undefined;
  const test = dateRangeToBars(timestamps, section.test, "test");
  const ordered: [string, BarRange][] = [["train", train]];
  if (valid) ordered.push(["valid", valid]);
  ordered.push(["test", test]);
  for (let i = 1; i < ordered.length; i++) {
    const [a, ra] = ordered[i - 1]!;
    const [b, rb] = ordered[i]!;
    if (rb.start < ra.end) {
      const message = dataMessages.segmentOrder(a, b);
      throw new UserError(message, [
        { file: "", path: `/segments/${b}/start`, message, severity: "error" },
      ]);
    }
  }
  return { segments: valid ? { train, valid, test } : { train, test }, origin: "spec" };
}

function defaultSegments(n: number): Segments {
  const a = Math.floor(n * 0.6);
  const b = Math.floor(n * 0.8);
  return { train: { start: 0, end: a }, valid: { start: a, end: b }, test: { start: b, end: n } };
}
