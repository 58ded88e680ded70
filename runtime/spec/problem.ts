/**
 * A problem found in a spec, addressed by JSON pointer. The loader turns it
 * into a `Diagnostic` with the file and line:col of the key or the value.
 */
export interface Problem {
  readonly pointer: string;
  /**
   * What line:col points at: the value at `pointer`, its key, or (for a
   * missing key) the key of the enclosing object.
   */
  readonly anchor: "value" | "key" | "parent";
  readonly message: string;
  readonly hint?: string;
  readonly severity?: "error" | "warning";
  /** For unknown keys: the key the user probably meant. */
  readonly suggestion?: string;
  /** The main explanation of a value (e.g. an unknown `type:`): other problems at the same pointer are dropped. */
  readonly primary?: boolean;
  /** For missing required keys. */
  readonly missing?: boolean;
}
