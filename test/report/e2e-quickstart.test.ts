/**
 * End to end on the real quickstart: `specs/quickstart.yaml` (dev overlay)
 * runs into a scratch folder; its report.html opens in headless Chromium with
 * no console errors and no network requests, and its PDF shows every chart.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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
      "price",
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

  it("opens with the verdict and shows risk episodes, scenarios and the appendices (issue 16)", () => {
    const sections = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(sections[0]).toBe("kpis");
    for (const id of ["risk_events", "scenarios", "risk_event_log", "provenance"])
      expect(sections).toContain(id);
    expect(sections.indexOf("risk_event_log")).toBeGreaterThan(sections.indexOf("data_quality"));
    const kpis = html.slice(
      html.indexOf('<section id="kpis"'),
      html.indexOf('<section id="equity"'),
    );
    const leads = [...kpis.matchAll(/<p class="lead[^"]*">([^<]+)<\/p>/g)].map((m) => m[1]!);
    expect(leads[0]).toMatch(
      /^ppo (beat|did NOT beat) buy_and_hold .*on the test segment \(2015-07-01 → 2017-12-29\), after risk overlay/,
    );
    expect(leads[1]).toContain("before risk overlay (the agent alone)");
    expect(kpis).toContain("ppo — after risk overlay");
    expect(kpis).toContain("ppo — before risk overlay");
    expect(kpis).toContain("IQM");
    expect(html).toContain('id="chart-risk-episodes"');
    expect(html).not.toContain("<details open");
    // The raw log: every event in the backtest stage's CSV, counted in the appendix's title.
    const csv = readFileSync(
      join(dirname(reportFile), "stages", "backtest", "risk-events.csv"),
      "utf8",
    );
    const events = csv.trim().split("\n").length - 1;
    expect(html).toContain(`Appendix: risk event log (${events} events)`);
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

  it("is interactive offline: charts render live, a hovered point shows its tooltip, no request leaves the file (issue 16)", async () => {
    const opened = await openOffline(chromium.browser, reportFile);
    try {
      const { page } = opened;
      await page.setViewport({ width: 1100, height: 900 });
      await page.waitForFunction(() => document.documentElement.dataset.charts === "ready", {
        timeout: 60_000,
      });
      expect(opened.pageErrors).toEqual([]);
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.blocked).toEqual([]);
      for (const url of opened.requests) expect(url).toMatch(/^(file|data|blob):/);
      const live = await page.$$eval("figure.chart", (figures) =>
        figures.map((f) => ({ id: f.id, live: f.classList.contains("live") })),
      );
      expect(live.filter((f) => !f.live)).toEqual([]);
      // An invisible point per drawn bar carries the tooltip: hover one of the equity chart's.
      const point = await page.$eval("#chart-equity .chart-view .mark-symbol path", (p) => {
        p.scrollIntoView({ block: "center" });
        const r = p.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      });
      await page.mouse.move(point.x, point.y);
      await page.waitForFunction(
        () => !(document.querySelector(".vg-tooltip") as HTMLElement | null)?.hidden,
        { timeout: 10_000 },
      );
      const tooltip = await page.$eval(".vg-tooltip", (t) => t.textContent ?? "");
      expect(tooltip).toMatch(/^date\d{4}-\d{2}-\d{2}series.+equity[\d,.]+$/);
      // Zooming the equity chart (Shift+wheel) zooms drawdown too: their time axes stay linked.
      const axis = (id: string) =>
        page.$$eval(`#${id} .chart-view .role-axis-label text`, (ts) =>
          ts.map((t) => t.textContent).join("|"),
        );
      const before = await axis("chart-drawdown");
      await page.keyboard.down("Shift");
      await page.mouse.wheel({ deltaY: -400 });
      await page.keyboard.up("Shift");
      await page.waitForFunction(
        (was) =>
          Array.from(document.querySelectorAll("#chart-drawdown .chart-view .role-axis-label text"))
            .map((t) => t.textContent)
            .join("|") !== was,
        { timeout: 10_000 },
        before,
      );
      expect(await axis("chart-drawdown")).not.toBe(before);
    } finally {
      await opened.page.close();
    }
  });

  it("links brushing: Shift+drag on equity selects an interval that drawdown shows too (issue 16)", async () => {
    const opened = await openOffline(chromium.browser, reportFile);
    try {
      const { page } = opened;
      await page.setViewport({ width: 1100, height: 900 });
      await page.waitForFunction(() => document.documentElement.dataset.charts === "ready", {
        timeout: 60_000,
      });
      // The plot area of the live equity chart (its background rect), scrolled into view.
      const area = await page.$eval("#chart-equity .chart-view svg", (svg) => {
        svg.scrollIntoView({ block: "center" });
        const r = svg.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      });
      const y = area.y + area.height * 0.4;
      await page.keyboard.down("Shift");
      await page.mouse.move(area.x + area.width * 0.35, y);
      await page.mouse.down();
      await page.mouse.move(area.x + area.width * 0.45, y, { steps: 5 });
      await page.mouse.move(area.x + area.width * 0.55, y, { steps: 5 });
      await page.mouse.up();
      await page.keyboard.up("Shift");
      await page.waitForFunction(
        () => (document.querySelector("#chart-drawdown") as HTMLElement | null)?.dataset.brush,
        { timeout: 10_000 },
      );
      const brush = await page.$$eval("#chart-equity, #chart-drawdown", (fs) =>
        fs.map((f) => (f as HTMLElement).dataset.brush ?? ""),
      );
      const [start, end] = brush[0]!.split(",").map(Number);
      expect(end! - start!).toBeGreaterThan(0);
      expect(brush[1]).toBe(brush[0]);
      // The drawdown chart draws the band: the brush mark has a width.
      const band = await page.$eval(
        "#chart-drawdown .chart-view .brush_brush path",
        (p) => p.getBoundingClientRect().width,
      );
      expect(band).toBeGreaterThan(5);
      // Tooltips keep working after the brush.
      expect(opened.pageErrors).toEqual([]);
      expect(opened.consoleErrors).toEqual([]);
    } finally {
      await opened.page.close();
    }
  });

  it("prints a compact PDF of at most 4 pages and a full one with every section (issue 16)", async () => {
    const { renderReportDocuments } = await import("../../runtime/report/tear-sheet.js");
    const { loadRunTearSheet } = await import("../../runtime/report/run-folder.js");
    const input = loadRunTearSheet(dirname(reportFile));
    const pages = async (mode: "compact" | "full") => {
      const { pdfHtml } = await renderReportDocuments(input, { pdf: mode, html: false });
      expect(pdfHtml).not.toContain("<script");
      const file = join(outDir, `report-${mode}.pdf`);
      writeFileSync(file, await renderPdf(pdfHtml!, { browser: chromium.browser }));
      const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
      return { count: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), file };
    };
    const compact = await pages("compact");
    const full = await pages("full");
    expect(compact.count).toBeGreaterThan(0);
    expect(compact.count).toBeLessThanOrEqual(4);
    expect(full.count).toBeGreaterThan(compact.count);
    const text = execFileSync("pdftotext", ["-layout", compact.file, "-"], { encoding: "utf8" });
    expect(text).toContain("Equity vs benchmark");
    expect(text).not.toContain("Appendix");
    // A date never wraps at its hyphens in a table cell (a known defect of the PDF).
    const fullText = execFileSync("pdftotext", ["-layout", full.file, "-"], { encoding: "utf8" });
    expect(fullText).not.toMatch(/\b\d{4}-\d{2}-\s*\n/);
  });

  it("`drlwb report <run>` rebuilds the same HTML from the stage files alone (issue 16)", async () => {
    const { reportCommand } = await import("../../cli/report.js");
    const runDir = dirname(reportFile);
    expect(existsSync(join(runDir, "stages", "report", "tear-sheet.json"))).toBe(false);
    const out = join(outDir, "rebuilt.html");
    const io = { stdout: { write: () => true }, stderr: { write: () => true } };
    expect(await reportCommand(runDir, { out }, io)).toBe(0);
    // The one legitimate difference: run.json has its finish time only after the report stage ran.
    const finished = /\s*<tr><td class="">finished<\/td><td class="">[^<]*<\/td><\/tr>/;
    const rebuilt = readFileSync(out, "utf8");
    expect(rebuilt).toMatch(finished);
    expect(html).not.toMatch(finished);
    expect(rebuilt.replace(finished, "")).toBe(html);
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
