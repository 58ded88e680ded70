import { describe, expect, it } from "vitest";
import { REPORT_SECTIONS } from "../../runtime/report/section-names.js";
import { collapseOrigins } from "../../runtime/report/sections/provenance.js";
import { renderTearSheet } from "../../runtime/report/tear-sheet.js";
import { loadReportTemplates } from "../../runtime/report/templates.js";
import { syntheticTearSheetInput } from "./fixtures/synthetic-input.js";

const templates = loadReportTemplates();
const full = syntheticTearSheetInput();

function sectionIds(html: string): string[] {
  return [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]!);
}

describe("renderTearSheet", () => {
  it("renders every section, in page order, when the input has all data", async () => {
    const html = await renderTearSheet(full, { templates });
    expect(sectionIds(html)).toEqual([...REPORT_SECTIONS]);
    const charts = [...html.matchAll(/<figure class="chart" id="chart-([^"]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual([
      "equity",
      "price-trades",
      "drawdown",
      "allocations-actual",
      "allocations-target",
      "asset-contribution",
      "monthly-returns",
      "yearly-returns",
      "rolling-sharpe",
      "rolling-volatility",
      "rolling-beta",
      "return-distribution",
      "regimes",
      "risk-episodes",
      "scenario-analysis",
      "correlation-network",
      "training-curves",
    ]);
  });

  it("is self-contained: inline CSS and SVG, no scripts, no external references", async () => {
    // The static document (what the PDF prints); the interactive one is checked below.
    const html = await renderTearSheet(full, { templates, interactive: false });
    expect(html).toContain("<style>");
    expect(html).toContain("Content-Security-Policy");
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|@font-face/i);
    expect(html).not.toMatch(/\b(src|href)="(?!#)[^"]*"/);
    const urls = [...html.matchAll(/https?:\/\/[^\s"')<]+/g)].map((m) => m[0]);
    expect(urls.every((u) => u.startsWith("http://www.w3.org/"))).toBe(true);
  });

  it("interactive (the default): inline scripts only, allowed by hash, every chart's spec embedded (issue 16)", async () => {
    const html = await renderTearSheet(full, { templates });
    expect(html).not.toMatch(/<script[^>]*\bsrc=|<link|<img|<iframe|@import|@font-face/i);
    const { interactiveRuntime } = await import("../../runtime/report/interactive-runtime.js");
    const { scripts } = interactiveRuntime(templates.dir);
    expect(scripts).toHaveLength(2);
    // The attribute as the browser reads it (Handlebars escapes ' and =).
    const csp = (/Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "")
      .replace(/&#x27;/g, "'")
      .replace(/&#x3D;/g, "=");
    expect(csp).toContain("default-src 'none'");
    const { createHash } = await import("node:crypto");
    for (const code of scripts) {
      expect(html).toContain(`<script>${code}</script>`);
      expect(csp).toContain(`'sha256-${createHash("sha256").update(code).digest("base64")}'`);
    }
    const figures = [...html.matchAll(/<figure class="chart"/g)].length;
    expect([
      ...html.matchAll(/<script type="application\/json" class="chart-spec">/g),
    ]).toHaveLength(figures);
    expect(html).toMatch(/<figure class="chart" id="chart-equity" data-interactive data-linked>/);
  });

  it("leaves out sections without data instead of showing them empty", async () => {
    const html = await renderTearSheet(
      { title: "only equity", equity: full.equity!, statistics: full.statistics!.slice(0, 3) },
      { templates },
    );
    expect(sectionIds(html)).toEqual(["kpis", "equity", "statistics"]);
    expect(html).not.toContain("Trades");
    const empty = await renderTearSheet(
      { title: "nothing", trades: [], riskEvents: [], training: [], monthlyReturns: [] },
      { templates },
    );
    expect(sectionIds(empty)).toEqual([]);
  });

  it("honours report.sections and the log-scale option", async () => {
    const html = await renderTearSheet(full, {
      templates,
      sections: ["equity", "provenance"],
      logScale: true,
    });
    expect(sectionIds(html)).toEqual(["equity", "provenance"]);
    expect(html).toContain("Equity vs benchmark (log scale)");
  });

  it("escapes text from the run (titles, messages, spec) but keeps chart SVG", async () => {
    const html = await renderTearSheet(
      {
        title: "<script>alert(1)</script>",
        riskEvents: [{ time: 0, rule: "r<b>", message: "a & b" }],
        provenance: { specYaml: "name: x # <img src=x>" },
      },
      { templates },
    );
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("r&lt;b&gt;");
    expect(html).toContain("a &amp; b");
    expect(html).not.toContain("<img src=x>");
  });

  it("shows statistics with benchmark and a signed difference, and the defaulted spec values", async () => {
    const html = await renderTearSheet(full, { templates, sections: ["statistics", "provenance"] });
    const sharpe = full.statistics!.find((s) => s.key === "sharpeRatio")!;
    const diff = sharpe.strategy! - sharpe.benchmark!;
    expect(html).toContain(`${diff > 0 ? "+" : ""}${diff.toFixed(2)}`);
    expect(html).toContain("2 values set in the spec, 2 from defaults.");
    expect(html).toContain("/backtest/fill");
  });

  it("is byte-identical for the same input (no timestamps unless asked)", async () => {
    const a = await renderTearSheet(syntheticTearSheetInput(), { templates });
    const b = await renderTearSheet(syntheticTearSheetInput(), { templates });
    expect(a).toBe(b);
  });
});

describe("provenance section", () => {
  it("collapses array elements into their array and shows defaulted values from the resolved spec", async () => {
    expect(
      collapseOrigins([
        { path: "/report/sections/0", origin: "default" },
        { path: "/report/sections/1", origin: "default" },
        { path: "/features/0/window", origin: "user" },
        { path: "/tags/0", origin: "user" },
        { path: "/tags/1", origin: "default" },
      ]),
    ).toEqual([
      { path: "/features/0/window", origin: "user" },
      { path: "/report/sections", origin: "default" },
      { path: "/tags", origin: "mixed" },
    ]);
    const html = await renderTearSheet(
      {
        title: "p",
        provenance: {
          specYaml: "backtest:\n  cash: 10000\n  fill: next_open\n",
          origins: [
            { path: "/backtest/cash", origin: "user" },
            { path: "/backtest/fill", origin: "default" },
          ],
        },
      },
      { templates },
    );
    expect(html).toMatch(/\/backtest\/fill<\/td>\s*<td class="muted">next_open<\/td>/);
    expect(html).toContain("1 value set in the spec, 1 from defaults.");
  });
});
