import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project root (the folder with package.json), whether this code runs
 * from source (runtime/core/) or compiled (dist/runtime/core/).
 */
export function projectRoot(): string {
  const here = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
  return here.endsWith("/dist") ? here.slice(0, -"/dist".length) : here;
}

/** Folders that ship with the project and are read at run time. */
export const projectPaths = {
  schemas: (): string => join(projectRoot(), "schemas"),
  bundledData: (): string => join(projectRoot(), "runtime", "data", "bundled"),
  reportTemplates: (): string => join(projectRoot(), "reports"),
} as const;
