/**
 * End to end on the real quickstart: `specs/quickstart.yaml` (dev overlay)
 * runs into a scratch folder; its report.html opens in headless Chromium with
 * no console errors and no network requests, and its PDF shows every chart.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LaunchedBrowser } from "../../runtime/report/browser.js";
import { renderPdf } from "../../runtime/report/pdf.js";
import { runSpec } from "../../runtime/run/run-spec.js";
import { openOffline, startChromium } from "../support/chromium.js";

const outDir = join(process.cwd(), "reports", "out", "e2e-quickstart");
let chromium: LaunchedBrowser;
let reportFile: string;
let html: string;

beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "drlwb-quickstart-e2e-"));
  const run = await runSpec("specs/quickstart.yaml", {
    runsDir: join(work, "runs"),
    env: "dev",
    environ: { ...process.env, DRLWB_REGISTRY: join(work, "registry") },
  });
  if (run.status !== "complete") throw run.error;
  reportFile = join(run.dir, "report.html");
  html = readFileSync(reportFile, "utf8");
  writeFileSync(join(outDir, "report.html"), html);
  chromium = await startChromium();
}, 600_000);

afterAll(async () => {
  await chromium?.close();
});

const figureIds = () => [...html.matchAll(/<figure class="chart" id="([^"]+)"/g)].map((m) => m[1]!);

describe("quickstart tear sheet", () => {
  it("has the sections a PPO run with regimes and a risk overlay produces", () => {
    const sections = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    for (const id of [
      "kpis",
      "equity",
      "drawdown",
      "monthly_returns",
      "yearly_returns",
      "rolling",
      "return_distribution",
      "statistics",
      "regimes",
      "training",
      "data_quality",
      "provenance",
    ]) {
      expect(sections).toContain(id);
    }
    expect(html).toContain("Quickstart: PPO on SPY");
  });

  it("opens in headless Chromium with no console errors and no network requests", async () => {
    const opened = await openOffline(chromium.browser, reportFile);
    try {
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
      expect(opened.blocked).toEqual([]);
      expect(opened.requests).toHaveLength(1);
      const shown = await opened.page.$$eval(
        "figure.chart svg",
        (svgs) => svgs.filter((s) => s.getBoundingClientRect().width > 150).length,
      );
      expect(shown).toBe(figureIds().length);
      await opened.page.setViewport({ width: 1000, height: 1300 });
      await opened.page.screenshot({ path: join(outDir, "screenshot.png") });
      await opened.page.screenshot({ path: join(outDir, "screenshot-full.png"), fullPage: true });
    } finally {
      await opened.page.close();
    }
  });

  it("prints a PDF that shows every chart", async () => {
    const pdfFile = join(outDir, "report.pdf");
    writeFileSync(pdfFile, await renderPdf(html, { browser: chromium.browser }));
    const text = execFileSync("pdftotext", ["-layout", pdfFile, "-"], { encoding: "utf8" });
    const titles = [...html.matchAll(/<figcaption>([^<]+)<\/figcaption>/g)].map((m) => m[1]!);
    expect(titles.length).toBe(figureIds().length);
    for (const title of titles) expect(text).toContain(title.replace(/&#x27;/g, "'"));
    execFileSync("pdftoppm", ["-r", "40", "-png", pdfFile, join(outDir, "page")]);
  });
});
