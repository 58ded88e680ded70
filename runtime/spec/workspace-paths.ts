/**
 * Paths against a workspace: where a path really leads (symbolic links
 * followed), whether that is inside a folder, what kind of file it is
 * (checked without opening it, so a FIFO never blocks), and how to show a
 * path or a message to a client of the server without absolute paths.
 */
import { realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { projectRoot } from "../core/project-paths.js";
import { policyMessages } from "../messages/policy.js";
import type { SpecPolicy, WorkspaceRoots } from "./spec-policy.js";

/** Whether `target` is `root` or inside it (both absolute, normalized). */
export function isWithin(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Where `path` really leads: its realpath when it exists, else the realpath
 * of its nearest existing ancestor joined with the rest (so `new/../../x`
 * and links in the existing part are resolved either way).
 */
export function realTarget(path: string): string {
  const absolute = resolve(path);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      rest.push(basename(current));
      current = parent;
    }
  }
}

/** Whether `path` resolves, after following links, inside `root` (a real path). */
export function resolvesWithin(root: string, path: string): boolean {
  return isWithin(root, realTarget(path));
}

export { type FileKind, fileKind } from "../core/file-kind.js";

/** The workspace folders with the labels clients see (`specs`, `data`, …), longest path first. */
function labelledRoots(ws: WorkspaceRoots): [string, string][] {
  const entries: [string, string][] = [[ws.root, "."]];
  for (const key of ["data", "specs", "runs", "registry"] as const) {
    const dir = ws[key];
    entries.push([dir, isWithin(ws.root, dir) ? relative(ws.root, dir) || "." : key]);
  }
  return entries.sort((a, b) => b[0].length - a[0].length);
}

/**
 * A path as a client of `policy` may see it: unchanged for the CLI; for the
 * server, relative to the workspace (or a placeholder outside it).
 */
export function displayPath(policy: SpecPolicy, path: string): string {
  if (policy.mode !== "server" || policy.workspace === null) return path;
  const absolute = resolve(path);
  for (const [dir, label] of labelledRoots(policy.workspace)) {
    if (isWithin(dir, absolute)) {
      const rel = relative(dir, absolute);
      return label === "." ? rel || "." : rel ? `${label}/${rel}` : label;
    }
  }
  return policyMessages.outsideWorkspace();
}

/**
 * Text (an error message) as a client of `policy` may see it: for the
 * server, every workspace folder and the installation folder are replaced by
 * their workspace-relative names.
 */
export function scrubPaths(text: string, policy: SpecPolicy): string {
  if (policy.mode !== "server" || policy.workspace === null) return text;
  let out = text;
  const replacements: [string, string][] = [
    ...labelledRoots(policy.workspace),
    [projectRoot(), "<drlwb>"],
  ];
  for (const [dir, label] of replacements.sort((a, b) => b[0].length - a[0].length)) {
    if (dir === "/" || dir === "") continue;
    out = out
      .split(`${dir}${sep}`)
      .join(label === "." ? "" : `${label}/`)
      .split(dir)
      .join(label);
  }
  return out;
}

/** `scrubPaths` on every string inside a JSON value (a run record, a job) for a client of `policy`. */
export function scrubPathsDeep<T>(value: T, policy: SpecPolicy): T {
  if (policy.mode !== "server" || policy.workspace === null) return value;
  const visit = (v: unknown): unknown => {
    if (typeof v === "string") return scrubPaths(v, policy);
    if (Array.isArray(v)) return v.map(visit);
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v))
        Object.defineProperty(out, k, { value: visit(inner), enumerable: true, writable: true });
      return out;
    }
    return v;
  };
  return visit(value) as T;
}
