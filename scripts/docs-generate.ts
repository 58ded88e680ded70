/**
 * Generates the documentation site's reference pages into docs/reference/
 * (git-ignored, rebuilt by `npm run docs:build` and `npm run docs:dev`; never
 * edited by hand):
 * - spec/<kind>.md: one page per schemas/*.schema.json (keys, types, defaults,
 *   allowed values, descriptions, examples);
 * - cli.md: every `drlwb` command's `--help`;
 * - api/: the library API (TypeDoc over the package's entry points);
 * - sidebar.json: the reference part of the site's sidebar, read by
 *   docs/.vitepress/config.mts.
 * The pages are written into a fresh folder that replaces the old one, so a
 * removed schema or command leaves no stale page behind.
 *
 * Usage: node --import tsx scripts/docs-generate.ts [--skip-api]
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { projectRoot } from "../runtime/core/project-paths.js";
import { generateApiReference } from "./docs/api-reference.js";
import { renderCliPage } from "./docs/cli-reference.js";
import { referenceSidebar } from "./docs/reference-sidebar.js";
import {
  renderSchemaIndex,
  renderSchemaPage,
  type SchemaNode,
  schemaPageName,
} from "./docs/schema-reference.js";

const REFERENCE_INDEX = `# Reference

Generated from the code when the site is built (\`npm run docs:build\`, \`npm run docs:dev\`), so it
always matches the version you run:

- [Spec reference](./spec/index.md): every key of every spec kind and of the server configuration,
  from the JSON Schemas in \`schemas/\` (type, default, allowed values, description);
- [CLI reference](./cli.md): every \`drlwb\` command's \`--help\`;
- [Library API](./api/index.md): the \`drl-workbench\` and \`drl-workbench/notebook\` entry points,
  from their TypeScript declarations and doc comments (TypeDoc).
`;

function loadSchemas(root: string): Map<string, SchemaNode> {
  const dir = join(root, "schemas");
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith(".schema.json"))
      .sort()
      .map((f) => [f, JSON.parse(readFileSync(join(dir, f), "utf8")) as SchemaNode]),
  );
}

/** Writes every reference page under `<root>/docs/reference/`. */
export async function generateReference(
  root: string,
  options: { readonly api?: boolean } = {},
): Promise<string> {
  const target = join(root, "docs", "reference");
  const fresh = `${target}.tmp-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(join(fresh, "spec"), { recursive: true });
  // Files go into a fresh folder that replaces the old one at the end (the swap is the atomic step).
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(fresh, path)), { recursive: true });
    writeFileSync(join(fresh, path), text);
  };

  const schemas = loadSchemas(root);
  write("index.md", REFERENCE_INDEX);
  write("spec/index.md", renderSchemaIndex(schemas));
  for (const file of schemas.keys()) {
    write(`spec/${schemaPageName(file)}.md`, renderSchemaPage(file, schemas));
  }
  write("cli.md", renderCliPage());
  if (options.api !== false) await generateApiReference(join(fresh, "api"));
  write("sidebar.json", `${JSON.stringify(referenceSidebar(fresh), null, 2)}\n`);

  if (existsSync(target)) rmSync(target, { recursive: true, force: true });
  renameSync(fresh, target);
  return target;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const api = !process.argv.includes("--skip-api");
  const target = await generateReference(projectRoot(), { api });
  process.stdout.write(`reference pages written to ${target}\n`);
}
