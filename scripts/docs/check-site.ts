/**
 * Link checker of a built static site (the VitePress output of docs/):
 * - every internal `href`/`src`/`srcset` of every page resolves to a built
 *   file (`/guide/data` → `guide/data.html`, `/reference/` → `reference/index.html`),
 *   and its `#fragment` to an element with that id on the target page;
 * - other hosts appear only as plain links (`<a href="https://…">`): no
 *   stylesheet, script, font, image, frame or preload is loaded from another
 *   host, in HTML (`<link>`, `<script>`, `<img>`, `style=""`) or in the
 *   built CSS (`url(…)`, `@import`);
 * - the built JavaScript names no font or script CDN.
 * Returns the problems found, each naming the page and the link.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, posix, relative } from "node:path";
import { parseHTML } from "linkedom";

export interface SiteProblem {
  /** The file of the site the problem is in, relative to the site's root. */
  readonly file: string;
  readonly message: string;
}

/** Hosts of font and script CDNs that the built JavaScript must not name. */
const CDN_HOSTS = [
  "fonts.googleapis.com",
  "fonts.gstatic.com",
  "cdn.jsdelivr.net",
  "unpkg.com",
  "cdnjs.cloudflare.com",
  "esm.sh",
  "use.typekit.net",
  "www.googletagmanager.com",
  "www.google-analytics.com",
];

/** Attributes that make a browser fetch what they name, by element. */
const LOADING_ATTRIBUTES: readonly (readonly [string, string])[] = [
  ["link", "href"],
  ["script", "src"],
  ["img", "src"],
  ["img", "srcset"],
  ["source", "src"],
  ["source", "srcset"],
  ["iframe", "src"],
  ["video", "src"],
  ["video", "poster"],
  ["audio", "src"],
  ["embed", "src"],
  ["object", "data"],
  ["track", "src"],
  ["input", "src"],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** `https:`, `mailto:`, … or protocol-relative `//host`. */
function isExternal(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//");
}

function urlsOfSrcset(srcset: string): string[] {
  return srcset
    .split(",")
    .map((part) => part.trim().split(/\s+/)[0] ?? "")
    .filter(Boolean);
}

function cssUrls(css: string): string[] {
  const urls = [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((m) => m[2] ?? "");
  const imports = [...css.matchAll(/@import\s+(['"])([^'"]+)\1/g)].map((m) => m[2] ?? "");
  return [...urls, ...imports].filter((u) => !u.startsWith("data:") && !u.startsWith("#"));
}

class SiteIndex {
  private readonly ids = new Map<string, Set<string>>();

  constructor(private readonly root: string) {}

  /** The built file a site path names, or undefined. */
  fileOf(sitePath: string): string | undefined {
    const decoded = decodeURIComponent(sitePath);
    const candidates = decoded.endsWith("/")
      ? [`${decoded}index.html`]
      : [decoded, `${decoded}.html`, `${decoded}/index.html`];
    for (const candidate of candidates) {
      const file = join(this.root, candidate);
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
    return undefined;
  }

  idsOf(file: string): Set<string> {
    let ids = this.ids.get(file);
    if (ids === undefined) {
      const { document } = parseHTML(readFileSync(file, "utf8"));
      ids = new Set<string>();
      for (const el of Array.from(document.querySelectorAll("[id], a[name]"))) {
        const id = el.getAttribute("id") ?? el.getAttribute("name");
        if (id) ids.add(id);
      }
      this.ids.set(file, ids);
    }
    return ids;
  }
}

/** Resolves an internal URL against the page's site path; problems go to `report`. */
function checkInternal(
  index: SiteIndex,
  pageSitePath: string,
  pageFile: string,
  url: string,
  report: (message: string) => void,
): void {
  const [pathAndQuery = "", fragment] = url.split("#", 2);
  const path = pathAndQuery.split("?")[0] ?? "";
  const target =
    path === ""
      ? pageFile
      : index.fileOf(path.startsWith("/") ? path : posix.join(posix.dirname(pageSitePath), path));
  if (target === undefined) {
    report(`broken link ${url}: no such file in the site`);
    return;
  }
  if (fragment !== undefined && fragment !== "" && extname(target) === ".html") {
    if (!index.idsOf(target).has(decodeURIComponent(fragment))) {
      report(`broken link ${url}: no element with id "${fragment}" on the target page`);
    }
  }
}

function checkPage(index: SiteIndex, root: string, file: string, problems: SiteProblem[]): void {
  const rel = relative(root, file).split("\\").join("/");
  const sitePath = `/${rel}`;
  const report = (message: string): void => {
    problems.push({ file: rel, message });
  };
  const { document } = parseHTML(readFileSync(file, "utf8"));

  for (const [tag, attribute] of LOADING_ATTRIBUTES) {
    for (const el of Array.from(document.querySelectorAll(`${tag}[${attribute}]`))) {
      const value = el.getAttribute(attribute) ?? "";
      const urls = attribute === "srcset" ? urlsOfSrcset(value) : [value];
      for (const url of urls) {
        if (url.startsWith("data:")) continue;
        if (isExternal(url)) report(`<${tag} ${attribute}="${url}"> loads from another host`);
        else checkInternal(index, sitePath, file, url, report);
      }
    }
  }
  for (const el of Array.from(document.querySelectorAll("[style]"))) {
    for (const url of cssUrls(el.getAttribute("style") ?? "")) {
      if (isExternal(url)) report(`style url(${url}) loads from another host`);
      else checkInternal(index, sitePath, file, url, report);
    }
  }
  for (const el of Array.from(document.querySelectorAll("style"))) {
    for (const url of cssUrls(el.textContent ?? "")) {
      if (isExternal(url)) report(`<style> url(${url}) loads from another host`);
    }
  }
  for (const el of Array.from(document.querySelectorAll("a[href], area[href]"))) {
    const href = el.getAttribute("href") ?? "";
    if (href === "" || isExternal(href)) continue;
    checkInternal(index, sitePath, file, href, report);
  }
}

/** Checks the built site under `root`; an empty list means every link resolves. */
export function checkSite(root: string): SiteProblem[] {
  const problems: SiteProblem[] = [];
  const index = new SiteIndex(root);
  const files = filesUnder(root).sort();
  if (!files.some((f) => f.endsWith(".html"))) {
    return [{ file: ".", message: "no HTML page in the site" }];
  }
  for (const file of files) {
    const rel = relative(root, file).split("\\").join("/");
    if (file.endsWith(".html")) {
      checkPage(index, root, file, problems);
    } else if (file.endsWith(".css")) {
      for (const url of cssUrls(readFileSync(file, "utf8"))) {
        if (isExternal(url)) {
          problems.push({ file: rel, message: `url(${url}) loads from another host` });
        } else {
          const sitePath = `/${rel}`;
          checkInternal(index, sitePath, file, url, (message) =>
            problems.push({ file: rel, message }),
          );
        }
      }
    } else if (file.endsWith(".js") || file.endsWith(".mjs")) {
      const text = readFileSync(file, "utf8");
      for (const host of CDN_HOSTS) {
        if (text.includes(host)) problems.push({ file: rel, message: `names the CDN ${host}` });
      }
    }
  }
  return problems;
}
