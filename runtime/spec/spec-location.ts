/** A loaded spec's `SpecLocation`: pointers placed at the line:col of their key (else their value). */
import { type SpecLocation, specLocation } from "../core/spec-location.js";
import type { NodeOrigin } from "./position.js";

export function loadedSpecLocation(
  file: string,
  locate: (pointer: string) => NodeOrigin | undefined,
): SpecLocation {
  return specLocation(file, (pointer) => {
    const origin = locate(pointer);
    const at = origin?.key ?? origin?.value;
    return origin && at ? { file: origin.file, line: at.line, col: at.col } : undefined;
  });
}
