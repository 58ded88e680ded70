/**
 * The documentation site (issue 16, item 8): generated and built the way
 * `npm run docs:build` does (scripts/docs-generate.ts, then VitePress), into a
 * temporary folder, and checked: every internal link and anchor resolves,
 * nothing is loaded from another host (offline, no CDN, no web fonts), every
 * page of docs/ is built and in the sidebar, and the reference pages come from
 * the schemas, the CLI's own help and the package's entry points.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../runtime/core/project-paths.js";
import { checkSite } from "../../scripts/docs/check-site.js";
import { collectCommandHelp } from "../../scripts/docs/cli-reference.js";
import type { SchemaNode } from "../../scripts/docs/schema-reference.js";

const root = projectRoot();
const temp = mkdtempSync(join(tmpdir(), "drlwb-docs-site-"));
const site = join(temp, "site");
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function run(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`node ${args.join(" ")} exited ${code}:\n${output.slice(-4000)}`));
    });
  });
}

beforeAll(async () => {
  await run(["--import", "tsx", "scripts/docs-generate.ts"]);
  await run(["node_modules/vitepress/bin/vitepress.js", "build", "docs", "--outDir", site]);
}, 600_000);

/** The markdown pages written by hand under docs/ (not the generated reference). */
function handWrittenPages(dir = join(root, "docs")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name.startsWith(".") || path === join(root, "docs", "reference")
        ? []
        : handWrittenPages(path);
    }
    return entry.name.endsWith(".md") ? [relative(join(root, "docs"), path)] : [];
  });
}

const page = (path: string) => parseHTML(readFileSync(join(site, path), "utf8")).document;

describe("documentation site", () => {
  it("has every internal link resolving and loads nothing from another host", () => {
    expect(checkSite(site)).toEqual([]);
  });

  it("bundles its font and names no web-font host", () => {
    const assets = readdirSync(join(site, "assets"));
    expect(assets.some((f) => /^inter-.*\.woff2$/.test(f))).toBe(true);
    const css = assets.filter((f) => f.endsWith(".css"));
    for (const file of css) {
      const text = readFileSync(join(site, "assets", file), "utf8");
      expect(text, file).not.toMatch(/fonts\.(googleapis|gstatic)\.com/);
    }
    const index = readFileSync(join(site, "index.html"), "utf8");
    expect(index).not.toMatch(/<(link|script)[^>]+(href|src)="(https?:)?\/\//);
  });

  it("builds every hand-written page and links each from the sidebar", () => {
    const pages = handWrittenPages();
    for (const required of [
      "index.md",
      "getting-started.md",
      "deployment.md",
      "faq.md",
      "guide/runs-and-specs.md",
      "guide/store.md",
      "statistics.md",
      "store.md",
      "security.md",
    ]) {
      expect(pages).toContain(required);
    }
    const sidebar = new Set(
      Array.from(page("index.html").querySelectorAll(".VPSidebar a[href]")).map((a) =>
        a.getAttribute("href"),
      ),
    );
    for (const md of pages) {
      const html = md.replace(/\.md$/, ".html");
      expect(readFileSync(join(site, html), "utf8").length, html).toBeGreaterThan(0);
      const link = `/${html}`.replace(/(^|\/)index\.html$/, "$1");
      expect(sidebar.has(link) || sidebar.has(`/${html}`), `${md} in the sidebar`).toBe(true);
    }
  });

  it("has a spec reference page per schema with each key's default from the schema", () => {
    const schemas = readdirSync(join(root, "schemas")).filter((f) => f.endsWith(".schema.json"));
    expect(schemas.length).toBeGreaterThan(10);
    for (const file of schemas) {
      const name = file.replace(/\.schema\.json$/, "");
      const schema = JSON.parse(readFileSync(join(root, "schemas", file), "utf8")) as SchemaNode;
      const text = page(`reference/spec/${name}.html`).querySelector("main")?.textContent ?? "";
      for (const key of Object.keys(schema.properties ?? {}))
        expect(text, `${name}: ${key}`).toContain(key);
      // A schema of definitions only (defs, api) has a section per definition.
      const definitionsOnly = schema.type === undefined && schema.$ref === undefined;
      for (const def of definitionsOnly ? Object.keys(schema.$defs ?? {}) : []) {
        expect(text, `${name}: ${def}`).toContain(def);
      }
    }
    const defs = JSON.parse(readFileSync(join(root, "schemas", "defs.schema.json"), "utf8")) as {
      $defs: { seed: { default: number } };
    };
    const seedRow = Array.from(page("reference/spec/experiment.html").querySelectorAll("tr")).find(
      (tr) => tr.querySelector("td code")?.textContent === "seed",
    );
    expect(seedRow?.textContent).toContain(String(defs.$defs.seed.default));
  });

  it("has a CLI reference with every command's help", () => {
    const cli = page("reference/cli.html");
    const text = cli.querySelector("main")?.textContent ?? "";
    const commands = collectCommandHelp();
    expect(commands.map((c) => c.name)).toContain("drlwb runs list");
    for (const command of commands) {
      const id = command.name.toLowerCase().replace(/\s+/g, "-");
      expect(cli.getElementById(id), command.name).not.toBeNull();
      const usage = command.help.split("\n")[0] ?? "";
      expect(text, command.name).toContain(usage);
    }
  });

  it("has the library API of both package entry points", () => {
    const api = page("reference/api/drl-workbench/index.html").querySelector("main")?.textContent;
    for (const name of ["runSpec", "compileSpecFile", "listRuns", "computeStatistics"]) {
      expect(api, name).toContain(name);
    }
    const notebook = page("reference/api/drl-workbench-notebook/index.html").querySelector("main");
    for (const name of ["show", "table", "queryRunsFrame"]) {
      expect(notebook?.textContent, name).toContain(name);
    }
  });
});

describe("site link checker", () => {
  const fake = join(temp, "fake-site");
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(fake, path)), { recursive: true });
    writeFileSync(join(fake, path), text);
  };

  it("reports broken links and anchors and resources from other hosts, and nothing else", () => {
    write(
      "index.html",
      `<!doctype html><html><head>
        <link rel="stylesheet" href="/assets/site.css">
        <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter">
        <script src="https://cdn.jsdelivr.net/npm/x.js"></script>
        <script src="./assets/app.js"></script>
      </head><body>
        <h2 id="here">here</h2>
        <a href="#here">ok</a> <a href="guide/page">ok, clean URL</a> <a href="/guide/">ok, folder</a>
        <a href="https://example.com/">ok, a plain link</a> <a href="mailto:a@b.c">ok</a>
        <a href="guide/page.html#section">ok, anchor</a>
        <a href="guide/missing.html">broken</a> <a href="guide/page.html#nowhere">broken anchor</a>
        <img src="//cdn.example.com/logo.png"> <img src="/assets/missing.png">
      </body></html>`,
    );
    write("guide/page.html", `<h2 id="section">s</h2><a href="../index.html#here">back</a>`);
    write("guide/index.html", `<a href="./page.html">page</a>`);
    write(
      "assets/site.css",
      `@font-face{src:url(https://fonts.gstatic.com/inter.woff2)} a{background:url(./ok.svg)}`,
    );
    write("assets/ok.svg", "<svg/>");
    write("assets/app.js", `import("https://unpkg.com/vue")`);

    const problems = checkSite(fake).map((p) => `${p.file}: ${p.message}`);
    expect(problems.sort()).toEqual(
      [
        'index.html: <link href="https://fonts.googleapis.com/css?family=Inter"> loads from another host',
        'index.html: <script src="https://cdn.jsdelivr.net/npm/x.js"> loads from another host',
        'index.html: <img src="//cdn.example.com/logo.png"> loads from another host',
        "index.html: broken link /assets/missing.png: no such file in the site",
        "index.html: broken link guide/missing.html: no such file in the site",
        'index.html: broken link guide/page.html#nowhere: no element with id "nowhere" on the target page',
        "assets/site.css: url(https://fonts.gstatic.com/inter.woff2) loads from another host",
        "assets/app.js: names the CDN unpkg.com",
      ].sort(),
    );
  });
});
