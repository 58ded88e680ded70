/**
 * The library API reference: TypeDoc over the package's two entry points
 * (`drl-workbench` = runtime/index.ts, `drl-workbench/notebook` =
 * runtime/notebook/index.ts), written as markdown pages (typedoc-plugin-markdown,
 * one page per module and namespace) that VitePress builds with the rest of the
 * site. No source links (they would name a commit), so the output depends only
 * on the code.
 */
import { Application, type ProjectReflection } from "typedoc";

const MODULE_NAMES: ReadonlyMap<string, string> = new Map([
  ["index", "drl-workbench"],
  ["notebook", "drl-workbench-notebook"],
]);

/** Writes the API pages into `outDir` (emptied first by TypeDoc). */
/** typedoc-plugin-markdown's options (the plugin declares them when it loads; it ships no types). */
const MARKDOWN_OPTIONS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ["outputFileStrategy", "modules"],
  ["entryFileName", "index"],
  ["hidePageHeader", true],
  ["hideBreadcrumbs", true],
  ["useCodeBlocks", true],
  ["parametersFormat", "table"],
  // Explicit `<a id>` anchors: the plugin's own slugs (underscores kept, `-1` for a type and a
  // value of the same name) are not the ones VitePress gives headings.
  ["useHTMLAnchors", true],
  // VitePress compiles pages as Vue templates: a doc comment's `<script>` or `<T>` outside code
  // would be an element. The plugin escapes them.
  ["sanitizeComments", true],
]);

/** Writes the API pages into `outDir` (TypeDoc empties it first). */
export async function generateApiReference(outDir: string): Promise<void> {
  const app = await Application.bootstrapWithPlugins({
    entryPoints: ["runtime/index.ts", "runtime/notebook/index.ts"],
    tsconfig: "tsconfig.build.json",
    plugin: ["typedoc-plugin-markdown"],
    out: outDir,
    readme: "none",
    name: "Library API",
    disableSources: true,
    skipErrorChecking: true,
    excludePrivate: true,
    excludeInternal: true,
    logLevel: "Error",
    validation: { notExported: false, invalidLink: false, rewrittenLink: false },
  });
  for (const [name, value] of MARKDOWN_OPTIONS) app.options.setValue(name, value);
  const project: ProjectReflection | undefined = await app.convert();
  if (project === undefined)
    throw new Error("TypeDoc could not convert the runtime's entry points");
  for (const child of project.children ?? []) {
    const renamed = MODULE_NAMES.get(child.name);
    if (renamed !== undefined) child.name = renamed;
  }
  await app.generateOutputs(project);
}
