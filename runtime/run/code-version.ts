import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { projectRoot } from "../core/project-paths.js";

export interface CodeVersion {
  readonly package: string;
  readonly version: string;
  /** Git commit of the working tree, when it is a git checkout. */
  readonly commit?: string;
  /** True when the working tree had uncommitted changes. */
  readonly dirty?: boolean;
  readonly node: string;
}

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync("git", args, {
      cwd,
      stdio: ["ignore", "pipe", "ignore"],
      encoding: "utf8",
    }).trim();
  } catch {
    return undefined;
  }
}

/** The package's name and version (no git call: cheap enough for every CLI start). */
export function readPackageVersion(root = projectRoot()): { name: string; version: string } {
  return JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as {
    name: string;
    version: string;
  };
}

/** The package version plus the git commit (and dirty flag) of the code that ran. */
export function readCodeVersion(root = projectRoot()): CodeVersion {
  const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as {
    name: string;
    version: string;
  };
  const commit = git(["rev-parse", "HEAD"], root);
  const status = commit ? git(["status", "--porcelain", "--untracked-files=no"], root) : undefined;
  return {
    package: pkg.name,
    version: pkg.version,
    ...(commit ? { commit, dirty: (status ?? "") !== "" } : {}),
    node: process.version,
  };
}
