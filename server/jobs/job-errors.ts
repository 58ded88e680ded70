/**
 * Error texts of jobs as any viewer may read them (`GET /jobs/:id`): the
 * workspace folders shown by their relative names (runtime/spec/workspace-paths.ts),
 * any other absolute path of this machine replaced by `<path>`, control
 * characters dropped, and the length bounded.
 */
import { readdirSync } from "node:fs";
import { jobsMessages } from "../../runtime/messages/jobs.js";
import type { SpecPolicy } from "../../runtime/spec/spec-policy.js";
import { scrubPaths } from "../../runtime/spec/workspace-paths.js";

/** Top-level folders of this machine (`tmp`, `home`, `proc`, …): what an absolute path starts with. Read once, at load. */
const TOP_LEVEL_NAMES: ReadonlySet<string> = (() => {
  try {
    return new Set(readdirSync("/"));
  } catch {
    return new Set<string>();
  }
})();

const ABSOLUTE_PATH = /(^|[\s'"`(=:,[<])\/([^\s/'"`),\]>]+)(\/[^\s'"`),\]>]*)?/g;

/** Absolute paths (first part a top-level folder of this machine) → `<path>`; JSON pointers are kept. */
export function hideAbsolutePaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, (match, lead: string, first: string) =>
    TOP_LEVEL_NAMES.has(first) ? `${lead}<path>` : match,
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export function presentJobError(text: string, policy: SpecPolicy, maxChars: number): string {
  const clean = hideAbsolutePaths(scrubPaths(text, policy)).replace(CONTROL, "");
  if (clean.length <= maxChars) return clean;
  const kept = Math.max(0, maxChars - jobsMessages.cut(clean.length).length);
  return clean.slice(0, kept) + jobsMessages.cut(clean.length - kept);
}
