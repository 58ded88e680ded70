/**
 * Checks the built documentation site (docs/.vitepress/dist, or the folder
 * given as the first argument): every internal link resolves, nothing is
 * loaded from another host (scripts/docs/check-site.ts). Exits 1 on a problem.
 *
 * Usage: node --import tsx scripts/docs-check.ts [site-folder]
 */
import { join } from "node:path";
import { projectRoot } from "../runtime/core/project-paths.js";
import { checkSite } from "./docs/check-site.js";

const site = process.argv[2] ?? join(projectRoot(), "docs", ".vitepress", "dist");
const problems = checkSite(site);
for (const p of problems) process.stderr.write(`${p.file}: ${p.message}\n`);
if (problems.length > 0) {
  process.stderr.write(`${problems.length} problem(s) in the documentation site ${site}\n`);
  process.exit(1);
}
process.stdout.write(
  `documentation site ${site}: every link resolves, nothing loaded from other hosts\n`,
);
