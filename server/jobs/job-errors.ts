/**
 * Error texts of jobs as any viewer may read them (`GET /jobs/:id`): the
 * workspace folders shown by their relative names (runtime/spec/workspace-paths.ts),
 * any other absolute path of this machine replaced by `<path>`, control
 * characters dropped, and the length bounded.
 */
import { readdirSync } from "node:fs";
import { formatDiagnostic } from "../../runtime/core/errors.js";
import { jobsMessages } from "../../runtime/messages/jobs.js";
import type { SpecPolicy } from "../../runtime/spec/spec-policy.js";
import { scrubPaths } from "../../runtime/spec/workspace-paths.js";
import { SUBMITTED_PREFIX } from "../submitted-spec.js";
import type { JobDiagnostic } from "./job.js";

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

/**
 * An inline spec's file (`specs/.submitted-<uuid>.yaml`, a server temp file)
 * with its line:col: the client sent JSON and never saw that file, so it is
 * named `spec` (the request's field) and the position dropped; the JSON
 * pointer of each diagnostic says where the problem is.
 */
const INLINE_SPEC = new RegExp(
  `(?:[^\\s'"\`()<>]*/)?${SUBMITTED_PREFIX.replace(".", "\\.")}[0-9a-f-]{36}\\.yaml(?::\\d+(?::\\d+)?)?`,
  "g",
);

/** Whether `file` (as a diagnostic names it) is an inline spec's server file. */
function isInlineSpec(file: string): boolean {
  INLINE_SPEC.lastIndex = 0;
  const whole = INLINE_SPEC.exec(file);
  return whole !== null && whole[0] === file;
}

export function presentJobError(text: string, policy: SpecPolicy, maxChars: number): string {
  const named = scrubPaths(text, policy).replace(INLINE_SPEC, jobsMessages.inlineSpec());
  const clean = hideAbsolutePaths(named).replace(CONTROL, "");
  if (clean.length <= maxChars) return clean;
  const kept = Math.max(0, maxChars - jobsMessages.cut(clean.length).length);
  return clean.slice(0, kept) + jobsMessages.cut(clean.length - kept);
}

/**
 * A worker's diagnostics as any viewer may read them: each text through
 * `present` (workspace-relative, no absolute path, bounded), an inline spec
 * named `spec` without a position, and no more diagnostics than fit in one
 * error text (`jobs.max_error_chars`, counted as formatted lines).
 */
export function presentJobDiagnostics(
  present: (text: string) => string,
  maxChars = Number.POSITIVE_INFINITY,
) {
  return (diagnostics: readonly JobDiagnostic[]): JobDiagnostic[] => {
    const out: JobDiagnostic[] = [];
    let used = 0;
    for (const d of diagnostics) {
      const inline = isInlineSpec(d.file);
      const shown: JobDiagnostic = {
        file: inline ? jobsMessages.inlineSpec() : present(d.file),
        ...(!inline && d.line !== undefined ? { line: d.line } : {}),
        ...(!inline && d.col !== undefined ? { col: d.col } : {}),
        path: present(d.path),
        message: present(d.message),
        ...(d.hint !== undefined ? { hint: present(d.hint) } : {}),
        severity: d.severity,
      };
      used += formatDiagnostic(shown).length + 1;
      if (out.length > 0 && used > maxChars) break;
      out.push(shown);
    }
    return out;
  };
}
