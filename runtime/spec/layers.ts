import type { Diagnostic } from "../core/errors.js";
import { parentPointer } from "./pointer.js";
import type { NodeOrigin, Position, ValueSource } from "./position.js";
import type { Problem } from "./problem.js";

/** One file's contribution to a spec (the spec file, a file it extends, an overlay). */
export interface SpecLayer {
  readonly file: string;
  /** The layer's data, mounted where it merges (a `kind: data` base sits under `data`). */
  readonly data: Record<string, unknown>;
  /** Positions by pointer of the merged spec. */
  readonly origins: ReadonlyMap<string, NodeOrigin>;
}

/** Re-keys a layer's origins under `prefix` (e.g. `/data`), optionally relabelling their source. */
export function mountOrigins(
  origins: ReadonlyMap<string, NodeOrigin>,
  from: string,
  to: string,
  source?: ValueSource,
): Map<string, NodeOrigin> {
  const out = new Map<string, NodeOrigin>();
  for (const [pointer, origin] of origins) {
    if (pointer !== from && !pointer.startsWith(`${from}/`)) continue;
    const mounted = to + pointer.slice(from.length);
    out.set(mounted, source ? { ...origin, source } : origin);
  }
  return out;
}

/** Finds where a pointer of the merged spec came from: the last layer that set it (or its nearest parent). */
export function originLookup(layers: readonly SpecLayer[]) {
  return (pointer: string): { origin: NodeOrigin; exact: boolean } | undefined => {
    let current = pointer;
    for (;;) {
      for (let i = layers.length - 1; i >= 0; i--) {
        const origin = layers[i]!.origins.get(current);
        if (origin) return { origin, exact: current === pointer };
      }
      if (current === "") return undefined;
      current = parentPointer(current);
    }
  };
}

export type OriginLookup = ReturnType<typeof originLookup>;

/** Places a problem in its file at line:col. */
export function diagnosticOf(
  problem: Problem,
  lookup: OriginLookup,
  fallbackFile: string,
): Diagnostic {
  const target = problem.anchor === "parent" ? parentPointer(problem.pointer) : problem.pointer;
  const found = lookup(target);
  let position: Position | undefined;
  if (found) {
    const { origin, exact } = found;
    position = problem.anchor === "value" && exact ? origin.value : (origin.key ?? origin.value);
    if (problem.anchor === "parent" && problem.pointer !== "" && target === "")
      position = origin.value;
  }
  return {
    file: found?.origin.file ?? fallbackFile,
    ...(position ? { line: position.line, col: position.col } : {}),
    path: problem.pointer,
    message: problem.message,
    ...(problem.hint ? { hint: problem.hint } : {}),
    severity: problem.severity ?? "error",
  };
}
