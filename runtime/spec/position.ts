/** Where a value of the spec came from: file, line:col of its key and of its value, and which layer set it. */
export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

/** Which layer of the spec set a value. */
export type ValueSource = "user" | "extends" | "env" | "default";

export interface NodeOrigin {
  readonly file: string;
  /** Position of the key (absent for array items and the root). */
  readonly key?: Position;
  /** Position of the value. */
  readonly value: Position;
  readonly source: ValueSource;
}

/** JSON pointer → origin, for every node of a parsed spec. */
export type OriginMap = ReadonlyMap<string, NodeOrigin>;
