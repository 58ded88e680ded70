/**
 * Messages of the input limits: request bodies (depth, size, non-finite
 * numbers) and spec files (size, nesting, aliases). Shown to whoever sent the
 * input, so they quote it only in short, truncated form and never name a
 * server path beyond what the sender wrote.
 */

import type { StatKind } from "../core/file-kind.js";

const FILE_KIND_LABELS = {
  folder: "a folder",
  fifo: "a FIFO",
  socket: "a socket",
  device: "a device",
} as const;

/** A JSON pointer into a request body, cut short (keys are the sender's and can be long). */
const shortPointer = (pointer: string) =>
  pointer.length > 120 ? `${pointer.slice(0, 117)}…` : pointer || "/";

const bytes = (n: number) =>
  n >= 1024 * 1024 && n % (1024 * 1024) === 0
    ? `${n / (1024 * 1024)} MiB`
    : n >= 1024 && n % 1024 === 0
      ? `${n / 1024} KiB`
      : `${n} bytes`;

export const limitsMessages = {
  bodyTooDeep: (max: number) =>
    `the request body nests arrays and objects more than ${max} levels deep (the server's limits.json_max_depth)`,
  bodyNotFinite: (pointer: string) =>
    `${shortPointer(pointer)} must be a finite number (a literal such as 1e309 overflows to infinity)`,
  bodyTooLarge: (limit: number) =>
    `the request body is larger than ${bytes(limit)} (the server's http.body_limit_bytes)`,
  bodyNotJson: () => "the request body is not valid JSON",
  bodyNotJsonAt: (line: number, col: number) =>
    `the request body is not valid JSON (line ${line}, column ${col})`,

  specTooLarge: (size: number, limit: number) =>
    `the spec file is ${bytes(size)}, more than the ${bytes(limit)} a spec may have`,
  specTooLargeHint: () =>
    "specs are small documents; put data in data files and name them with data.path",
  specTooDeep: (limit: number) =>
    `the spec nests mappings and lists more than ${limit} levels deep`,
  specTooManyAliases: (limit: number) =>
    `the spec uses YAML aliases (*name) more than ${limit} times; expanded, such a document can grow without bound`,
  specTooManyNodes: (limit: number) =>
    `the spec holds more than ${limit} values (keys, and the values its aliases stand for, included)`,
  specLimitHint: () => "write the values out, or use `extends:` to share sections between specs",
  riskStateMismatch: (pointer: string) =>
    `${shortPointer(pointer)} does not match this model's risk overlay; pass back the riskState of the previous response unchanged (or leave it out to start afresh)`,
  notAFile: (what: string) => `the spec is ${what}, not a regular file`,
  /** A non-regular file kind as a noun phrase ("a folder", "a FIFO", …). */
  fileKind: (kind: Exclude<StatKind, "file">) => FILE_KIND_LABELS[kind],
} as const;
