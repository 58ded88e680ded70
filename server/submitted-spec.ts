import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { isSpecFileName } from "../runtime/core/ids.js";
import { serverMessages } from "../runtime/messages/server.js";
import { fileKind, resolvesWithin } from "../runtime/spec/workspace-paths.js";

/** Prefix of the files holding inline specs (hidden: `specFile` can never name one). */
export const SUBMITTED_PREFIX = ".submitted-";

export type SpecFileChoice =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly status: 400 | 404; readonly message: string };

/**
 * A `specFile` of `POST /backtests`: an id-like relative path (no `..`, no
 * hidden parts, `.yaml`/`.yml`) naming a regular file that resolves, links
 * followed, inside the workspace's specs folder.
 */
export function chooseSpecFile(specsDir: string, name: string): SpecFileChoice {
  if (!isSpecFileName(name))
    return { ok: false, status: 400, message: serverMessages.badSpecFile() };
  const file = join(specsDir, name);
  if (!resolvesWithin(specsDir, file))
    return { ok: false, status: 400, message: serverMessages.badSpecFile() };
  if (fileKind(file) !== "file")
    return { ok: false, status: 404, message: serverMessages.specFileNotFound() };
  return { ok: true, file };
}

/**
 * Writes an inline spec as a hidden file directly in the specs folder, so it
 * behaves exactly like a spec file there: `extends: base.yaml` and
 * `path: ../data/prices.csv` mean the same in both. Created exclusively, 0600.
 */
export function writeInlineSpec(specsDir: string, spec: unknown): string {
  const file = join(specsDir, `${SUBMITTED_PREFIX}${randomUUID()}.yaml`);
  writeFileSync(file, stringify(spec), { flag: "wx", mode: 0o600 });
  return file;
}
