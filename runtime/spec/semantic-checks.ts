import { specMessages } from "../messages/spec.js";
import { isPlainObject } from "./pointer.js";
import type { Problem } from "./problem.js";

const SEGMENT_ORDER = ["train", "valid", "test"] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Rules JSON Schema cannot express, for experiment specs: segment dates in
 * order and not overlapping, exactly one signal (`strategy` or `agent`).
 */
export function experimentChecks(spec: Record<string, unknown>): Problem[] {
  return [...segmentChecks(spec.segments), ...signalChecks(spec)];
}

interface DatedSegment {
  readonly name: string;
  readonly start: string;
  readonly end: string;
}

export function segmentChecks(segments: unknown): Problem[] {
  if (!isPlainObject(segments)) return [];
  const problems: Problem[] = [];
  const present: DatedSegment[] = [];
  for (const name of SEGMENT_ORDER) {
    const segment = segments[name];
    if (!isPlainObject(segment)) continue;
    const { start, end } = segment;
    if (typeof start !== "string" || typeof end !== "string") continue;
    if (!ISO_DATE.test(start) || !ISO_DATE.test(end)) continue;
    if (start > end) {
      problems.push({
        pointer: `/segments/${name}/end`,
        anchor: "value",
        message: specMessages.segmentReversed(name, start, end),
      });
    }
    present.push({ name, start, end });
  }
  for (let i = 1; i < present.length; i++) {
    const earlier = present[i - 1]!;
    const later = present[i]!;
    if (later.start <= earlier.end) {
      problems.push({
        pointer: `/segments/${later.name}/start`,
        anchor: "value",
        message: specMessages.segmentOverlap(later.name, later.start, earlier.name, earlier.end),
        hint: specMessages.segmentOrderHint(),
      });
    }
  }
  return problems;
}

function signalChecks(spec: Record<string, unknown>): Problem[] {
  const hasStrategy = spec.strategy !== undefined;
  const hasAgent = spec.agent !== undefined;
  if (hasStrategy && hasAgent)
    return [{ pointer: "/agent", anchor: "key", message: specMessages.bothSignals() }];
  if (!hasStrategy && !hasAgent)
    return [{ pointer: "", anchor: "value", message: specMessages.noSignal() }];
  return [];
}
