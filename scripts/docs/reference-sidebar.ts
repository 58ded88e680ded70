/**
 * The reference part of the site's sidebar, computed from the generated pages
 * (docs/reference/sidebar.json, read by docs/.vitepress/config.mts).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface SidebarItem {
  readonly text: string;
  readonly link?: string;
  readonly collapsed?: boolean;
  readonly items?: readonly SidebarItem[];
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return markdownFiles(path);
      return name.endsWith(".md") ? [path] : [];
    });
}

/** A page's title: its first `# ` heading, else its file name. */
function titleOf(file: string): string {
  const heading = /^#\s+(.+)$/m.exec(readFileSync(file, "utf8"))?.[1];
  return (heading ?? file.replace(/^.*\/|\.md$/g, "")).replace(/\\/g, "").trim();
}

function link(referenceDir: string, file: string): string {
  return `/reference/${relative(referenceDir, file)
    .replace(/\\/g, "/")
    .replace(/(index)?\.md$/, "")}`;
}

function pagesUnder(referenceDir: string, folder: string): SidebarItem[] {
  const dir = join(referenceDir, folder);
  return markdownFiles(dir)
    .filter((f) => relative(dir, f) !== "index.md")
    .map((f) => ({ text: titleOf(f), link: link(referenceDir, f) }));
}

/** Sidebar items of the generated reference found under `referenceDir`. */
export function referenceSidebar(referenceDir: string): SidebarItem[] {
  const items: SidebarItem[] = [
    { text: "Overview", link: "/reference/" },
    {
      text: "Spec reference",
      link: "/reference/spec/",
      collapsed: true,
      items: pagesUnder(referenceDir, "spec"),
    },
    { text: "CLI reference", link: "/reference/cli" },
  ];
  try {
    statSync(join(referenceDir, "api", "index.md"));
    items.push({
      text: "Library API",
      link: "/reference/api/",
      collapsed: true,
      items: pagesUnder(referenceDir, "api"),
    });
  } catch {
    // generated without the API pages (--skip-api)
  }
  return items;
}
