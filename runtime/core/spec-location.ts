/**
 * Where a part of a spec is: the spec file, a JSON pointer into it, and a way
 * to find that pointer's line:col in the YAML. Every stage factory receives
 * one scoped to its section, so the errors it raises name the place the user
 * edits (`loc.at("/type")` under the agent section is `/agent/type`; in a
 * `kind: agent` spec, where the agent is the root, it is `/type`).
 */

/** A 1-based line:col in a file. */
export interface SourcePoint {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** JSON pointer → where it is written (undefined when the spec does not spell it out). */
export type LocatePointer = (pointer: string) => SourcePoint | undefined;

export interface SpecLocation {
  /** The spec file (as given). */
  readonly file: string;
  /** JSON pointer of this place in the normalized spec (`""` is the root). */
  readonly pointer: string;
  /** Line:col lookup for pointers of this spec, when the spec was loaded from YAML. */
  readonly locate?: LocatePointer;
  /** The place `path` (a JSON pointer relative to this one, `/type`, `/ensemble/algorithms/0`) below this one. */
  at(path: string): SpecLocation;
}

/** The root of the spec `file`; `locate` gives positions when the spec was loaded from YAML. */
export function specLocation(file: string, locate?: LocatePointer, pointer = ""): SpecLocation {
  return {
    file,
    pointer,
    ...(locate ? { locate } : {}),
    at: (path) => specLocation(file, locate, `${pointer}${path}`),
  };
}

/**
 * The location of the top-level section `key` of a spec with no file (named
 * `spec`), for library callers that build a stage without compiling a spec
 * (tests, notebooks): errors still name the section's pointer.
 */
export function sectionLocation(key: string): SpecLocation {
  return specLocation("spec").at(`/${key}`);
}
