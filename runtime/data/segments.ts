import { specError } from "../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../core/spec-location.js";
import { dataMessages } from "../messages/data.js";
import type { Segment as SegmentSpec, Segments as SegmentsSpec } from "../spec/types.generated.js";
import type { BarRange, Segments } from "../contracts/panel.js";

const DAY_MS = 86_400_000;

/** A spec date (YYYY-MM-DD string, ISO date-time string or a YAML Date) at `loc` → epoch ms UTC. */
export function specDateToMs(value: string | Date, loc: SpecLocation): number {
  if (value instanceof Date) return value.getTime();
  const text = String(value).trim();
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? Date.parse(`${text}T00:00:00Z`)
    : Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
  if (Number.isNaN(ms)) {
    throw specError(loc, dataMessages.badSpecDate(loc.pointer, text));
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
 * given as a date includes every bar on that day. `segments` is the segments
 * section's place in the spec (errors name `segments.<name>`).
 */
export function dateRangeToBars(
  timestamps: Float64Array,
  range: SegmentSpec,
  name: string,
  segments: SpecLocation = sectionLocation("segments"),
): BarRange {
  const loc = segments.at(`/${name}`);
  const startMs = specDateToMs(range.start, loc.at("/start"));
  const endMs = specDateToMs(range.end, loc.at("/end")) + (isDateOnly(range.end) ? DAY_MS : 1);
  if (endMs <= startMs) {
    throw specError(
      loc,
      dataMessages.segmentReversed(name, String(range.start), String(range.end)),
    );
  }
  const start = lowerBound(timestamps, startMs);
  const end = lowerBound(timestamps, endMs);
  if (end <= start) {
    const first = timestamps.length ? iso(timestamps[0]!) : "-";
    const last = timestamps.length ? iso(timestamps[timestamps.length - 1]!) : "-";
    throw specError(
      loc,
      dataMessages.segmentEmpty(
        name,
        String(range.start).slice(0, 10),
        String(range.end).slice(0, 10),
        first,
        last,
      ),
    );
  }
  return { start, end };
}

/** Where the segments came from: the spec, or the default 60/20/20 split (recorded). */
export interface SegmentsResult {
  readonly segments: Segments;
  readonly origin: "spec" | "default_60_20_20";
}

/**
 * Spec segments → BarRanges (checked: non-empty, in order, no overlap); `loc`
 * is the segments section's place in the spec.
 */
export function segmentsFromSpec(
  timestamps: Float64Array,
  section: SegmentsSpec | undefined,
  loc: SpecLocation = sectionLocation("segments"),
): SegmentsResult {
  if (!section) return { segments: defaultSegments(timestamps.length), origin: "default_60_20_20" };
  const train = dateRangeToBars(timestamps, section.train, "train", loc);
  const valid = section.valid
    ? dateRangeToBars(timestamps, section.valid, "valid", loc)
    : undefined;
  const test = dateRangeToBars(timestamps, section.test, "test", loc);
  const ordered: [string, BarRange][] = [["train", train]];
  if (valid) ordered.push(["valid", valid]);
  ordered.push(["test", test]);
  for (let i = 1; i < ordered.length; i++) {
    const [a, ra] = ordered[i - 1]!;
    const [b, rb] = ordered[i]!;
    if (rb.start < ra.end) {
      throw specError(loc.at(`/${b}/start`), dataMessages.segmentOrder(a, b));
    }
  }
  return { segments: valid ? { train, valid, test } : { train, test }, origin: "spec" };
}

function defaultSegments(n: number): Segments {
  const a = Math.floor(n * 0.6);
  const b = Math.floor(n * 0.8);
  return { train: { start: 0, end: a }, valid: { start: a, end: b }, test: { start: b, end: n } };
}
