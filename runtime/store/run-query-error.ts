import { UserError } from "../core/errors.js";

/** Which part of a run query was at fault. */
export type RunQueryPart = "filter" | "columns" | "sort" | "limit" | "offset";

/**
 * A run query the store cannot answer as written: a bad filter (the message
 * shows it with a caret under `column`), an unknown metric, a limit out of
 * range. A `UserError`: the CLI prints it and exits 2, the server answers 400.
 */
export class RunQueryError extends UserError {
  readonly part: RunQueryPart;
  /** 1-based column in the filter, for filter problems. */
  readonly column: number | undefined;
  constructor(message: string, part: RunQueryPart, column?: number) {
    super(message);
    this.name = "RunQueryError";
    this.part = part;
    this.column = column;
  }
}
