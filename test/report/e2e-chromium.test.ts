/**
 * End to end: the tear sheet opened in real headless Chromium makes no
 * network request and logs no error; its PDF carries every chart.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LaunchedBrowser } from "../../runtime/report/browser.js";
import { renderPdf } from "../../runtime/report/pdf.js";
import { renderTearSheet } from "../../runtime/report/tear-sheet.js";
import { openOffline, startChromium } from "../support/chromium.js";
import { syntheticTearSheetInput } from "./fixtures/synthetic-input.js";

const outDir = join(process.cwd(), "reports", "out", "e2e");
let chromium: LaunchedBrowser;
let html: string;
let file: string;

beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  html = await renderTearSheet(syntheticTearSheetInput(), { generatedAt: "2026-11-23 21:30 UTC" });
  file = join(outDir, "tear-sheet.html");
  writeFileSync(file, html);
  chromium = await startChromium();
});

afterAll(async () => {
  await chromium?.close();
});

const chartNames = () =>
  [...html.matchAll(/<figure class="chart" id="chart-([^"]+)"/g)].map((m) => m[1]!);

describe("tear sheet in headless Chromium", () => {
  it("opens with no console errors and no network requests", async () => {
    const opened = await openOffline(chromium.browser, file);
    try {
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
      expect(opened.blocked).toEqual([]);
      expect(opened.requests.every((u) => u.startsWith("file://") || u.startsWith("data:"))).toBe(
        true,
      );
      // The interactive charts replace their static SVG once rendered (issue 16).
      await opened.page.waitForFunction(() => document.documentElement.dataset.charts === "ready");
      const figures = await opened.page.$$eval("figure.chart svg", (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return { id: svg.closest("figure")?.id ?? "", width: box.width, height: box.height };
        }),
      );
      expect(figures.map((f) => f.id)).toEqual(chartNames().map((n) => `chart-${n}`));
      for (const f of figures) {
        expect(f.width).toBeGreaterThan(150);
        expect(f.height).toBeGreaterThan(50);
      }
      await opened.page.setViewport({ width: 1000, height: 900 });
      await opened.page.screenshot({ path: join(outDir, "screenshot.png"), fullPage: true });
      await opened.page.screenshot({ path: join(outDir, "screenshot-top.png") });
    } finally {
      await opened.page.close();
    }
  });

  it("prints a PDF that shows every chart", async () => {
    const pdf = await renderPdf(html, { browser: chromium.browser });
    const pdfFile = join(outDir, "tear-sheet.pdf");
    writeFileSync(pdfFile, pdf);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    const text = execFileSync("pdftotext", ["-layout", pdfFile, "-"], { encoding: "utf8" });
    const titles = [...html.matchAll(/<figcaption>([^<]+)<\/figcaption>/g)].map((m) => m[1]!);
    expect(titles.length).toBe(chartNames().length);
    for (const title of titles) expect(text).toContain(title.replace(/&#x27;/g, "'"));
    // chart content is vector text in the PDF: axis labels and legend entries
    for (const label of ["Jan", "Dec", "benchmark", "calm", "turbulent", "episode_reward", "AAA"]) {
      expect(text).toContain(label);
    }
    execFileSync("pdftoppm", ["-r", "40", "-png", pdfFile, join(outDir, "page")]);
    const pages = readdirSync(outDir).filter((f) => /^page-\d+\.png$/.test(f));
    expect(pages.length).toBeGreaterThanOrEqual(4);
  });
});
