/**
 * The documentation site (VitePress). `npm run docs:build` generates the
 * reference pages (scripts/docs-generate.ts → docs/reference/, git-ignored),
 * builds the site into docs/.vitepress/dist/ and checks its links
 * (scripts/docs-check.ts); `npm run docs:dev` serves it with live reload.
 *
 * The site loads nothing from other hosts: the default theme's Inter font is
 * bundled, search is VitePress's local index, and no analytics or CDN script is
 * configured (test/docs/site.test.ts checks the built pages).
 */
import { existsSync, readFileSync } from "node:fs";
import { defineConfig, type DefaultTheme } from "vitepress";

const referenceSidebarFile = new URL("../reference/sidebar.json", import.meta.url);

/** The generated reference's sidebar, or a hint to generate it. */
function referenceItems(): DefaultTheme.SidebarItem[] {
  if (!existsSync(referenceSidebarFile)) {
    return [{ text: "Not generated: run npm run docs:generate", link: "/" }];
  }
  return JSON.parse(readFileSync(referenceSidebarFile, "utf8")) as DefaultTheme.SidebarItem[];
}

const guide: DefaultTheme.SidebarItem[] = [
  { text: "Runs and specs", link: "/guide/runs-and-specs" },
  { text: "Data", link: "/guide/data" },
  { text: "Features", link: "/guide/features" },
  { text: "Regimes", link: "/guide/regimes" },
  { text: "Risk overlay", link: "/guide/risk" },
  { text: "Agents", link: "/guide/agents" },
  { text: "Backtests and statistics", link: "/guide/backtests" },
  { text: "Reports", link: "/guide/reports" },
  { text: "Sweeps", link: "/guide/sweeps" },
  { text: "Registry and serving", link: "/guide/registry-and-serving" },
  { text: "Tracking store", link: "/guide/store" },
];

const inDepth: DefaultTheme.SidebarItem[] = [
  { text: "Design and contracts", link: "/design" },
  { text: "Backtesting engines", link: "/backtest" },
  { text: "Statistics definitions", link: "/statistics" },
  { text: "Futures and options", link: "/derivatives" },
  { text: "Security and server settings", link: "/security" },
  { text: "The tracking store", link: "/store" },
];

export default defineConfig({
  title: "DRL Workbench",
  description:
    "Spec-driven deep-reinforcement-learning and backtesting workbench for quantitative research",
  lang: "en",
  // Build output and cache stay inside docs/.vitepress (git-ignored).
  outDir: ".vitepress/dist",
  cacheDir: ".vitepress/cache",
  // Git timestamps would make the output depend on the checkout.
  lastUpdated: false,
  // Examples of the server on this machine are not dead links.
  ignoreDeadLinks: "localhostLinks",
  markdown: { theme: { light: "github-light", dark: "github-dark" } },
  // The API pages are large single pages; their chunks are expected to be big.
  vite: { build: { chunkSizeWarningLimit: 4096 } },
  themeConfig: {
    nav: [
      { text: "Getting started", link: "/getting-started" },
      { text: "Guide", link: "/guide/runs-and-specs" },
      { text: "Reference", link: "/reference/" },
      { text: "Deployment", link: "/deployment" },
      { text: "FAQ", link: "/faq" },
    ],
    sidebar: [
      {
        text: "Introduction",
        items: [
          { text: "Overview", link: "/" },
          { text: "Getting started", link: "/getting-started" },
        ],
      },
      { text: "User guide", items: guide },
      {
        text: "Operations",
        items: [
          { text: "Deployment", link: "/deployment" },
          { text: "FAQ", link: "/faq" },
        ],
      },
      { text: "In depth", items: inDepth },
      { text: "Reference", items: referenceItems() },
    ],
    outline: { level: [2, 3] },
    search: { provider: "local" },
  },
});
