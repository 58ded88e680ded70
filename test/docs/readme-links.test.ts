/**
 * The README links into the documentation site (issue 16, item 8): a
 * Documentation section with the commands that build and serve it, and every
 * relative link of the README names a file that exists.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../runtime/core/project-paths.js";

const readme = readFileSync(join(projectRoot(), "README.md"), "utf8");
const relativeLinks = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
  .map((m) => m[1] ?? "")
  .filter((href) => !/^[a-z]+:|^#/i.test(href));

describe("README", () => {
  it("has a Documentation section that builds and serves the site", () => {
    const section = /^## Documentation\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? "";
    for (const text of [
      "npm run docs:dev",
      "npm run docs:build",
      "docs/getting-started.md",
      "docs/deployment.md",
      "docs/faq.md",
    ]) {
      expect(section, text).toContain(text);
    }
    const scripts = (
      JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    for (const name of ["docs:generate", "docs:build", "docs:dev", "docs:preview"]) {
      expect(Object.hasOwn(scripts, name), name).toBe(true);
    }
  });

  it("links only to files that exist", () => {
    expect(relativeLinks.length).toBeGreaterThan(5);
    for (const href of relativeLinks) {
      expect(existsSync(join(projectRoot(), href.split("#")[0] ?? "")), href).toBe(true);
    }
  });
});
